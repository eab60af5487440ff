/**
 * Where the Redis store connects, from one URL (`CARDBIND_REDIS_URL`):
 *
 * - `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS): one server;
 * - `redis+cluster://[user:password@]host:port,host:port,…`: a Redis Cluster, found from any of
 *   these nodes (name at least three: any one may be down at start);
 * - `redis+sentinel://[user:password@]host:port,host:port,…/<master name>`: the master Sentinel
 *   names, found through these Sentinels and followed across a failover.
 *
 * `rediss+cluster://` and `rediss+sentinel://` connect over TLS. The credentials are the data
 * nodes' (Sentinels without a password of their own are assumed).
 */
export type RedisTopology =
  | { kind: 'server'; url: string }
  | { kind: 'cluster'; nodes: RedisNode[]; auth: RedisAuth; tls: boolean }
  | { kind: 'sentinel'; sentinels: RedisNode[]; master: string; auth: RedisAuth; tls: boolean };

export interface RedisNode {
  host: string;
  port: number;
}

export interface RedisAuth {
  username?: string;
  password?: string;
}

/** Thrown for a URL that names no topology this store connects to: its message says what would. */
export class RedisUrlError extends Error {
  readonly code = 'REDIS_URL_INVALID';
}

const SCHEMES = /^(rediss?)(?:\+(cluster|sentinel))?:\/\/(.*)$/i;

export function parseRedisUrl(url: string): RedisTopology {
  const match = SCHEMES.exec(url.trim());
  if (!match) {
    throw new RedisUrlError(
      'CARDBIND_REDIS_URL must start with redis://, rediss://, redis+cluster:// or redis+sentinel://',
    );
  }
  const [, scheme = 'redis', kind, rest = ''] = match;
  if (!kind) return { kind: 'server', url };
  const at = rest.lastIndexOf('@', rest.indexOf('/') === -1 ? rest.length : rest.indexOf('/'));
  const auth = at === -1 ? {} : credentials(rest.slice(0, at));
  const [hostList = '', ...path] = rest.slice(at + 1).split('/');
  const nodes = hostList.split(',').filter(Boolean).map(node);
  if (nodes.length === 0) throw new RedisUrlError(`${scheme}+${kind}:// needs at least one host:port`);
  const tls = scheme.toLowerCase() === 'rediss';
  if (kind.toLowerCase() === 'cluster') return { kind: 'cluster', nodes, auth, tls };
  const master = decodeURIComponent(path.join('/'));
  if (!master) throw new RedisUrlError(`${scheme}+sentinel:// needs the master's name after the hosts: …/mymaster`);
  return { kind: 'sentinel', sentinels: nodes, master, auth, tls };
}

function credentials(userinfo: string): RedisAuth {
  const [user = '', ...password] = userinfo.split(':');
  return {
    ...(user ? { username: decodeURIComponent(user) } : {}),
    ...(password.length ? { password: decodeURIComponent(password.join(':')) } : {}),
  };
}

function node(hostPort: string): RedisNode {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(hostPort);
  const port = Number(match?.[2]);
  if (!match?.[1] || !(port > 0 && port < 65536)) {
    throw new RedisUrlError(`"${hostPort}" is not host:port`);
  }
  return { host: match[1], port };
}

/** The URL as a log line may show it: no password. */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}
