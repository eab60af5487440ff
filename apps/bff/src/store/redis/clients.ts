import { createClient, createCluster, createSentinel } from '@redis/client';
import type { RedisCommand } from './store.js';
import type { RedisAuth, RedisTopology } from './topology.js';

/** What the store needs of a client: connecting, closing, and its connection events. */
export interface RedisConnection {
  /** Connection errors (each one `Error`) and the ready event. */
  // biome-ignore lint/suspicious/noExplicitAny: the clients' own listener type.
  on(event: string, listener: (...args: any[]) => void): unknown;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
}

/** A `@redis/client` client of any topology, as the store uses it. */
export interface RedisClientHandle {
  send: RedisCommand;
  /** One connection to one server: commands are applied in the order they are sent (Store.ordered). */
  ordered: boolean;
  /** The event that says a dropped connection is back. */
  readyEvent: string;
  connection: RedisConnection;
}

/**
 * Commands fail at once while a connection is down instead of queuing (a request answers 503
 * STORE_UNAVAILABLE rather than hang), and each client keeps reconnecting in the background, so
 * service resumes on its own: after a restart, or once a replica is promoted in a failover.
 */
export function redisClient(topology: RedisTopology, timeoutMs: number): RedisClientHandle {
  const socket = {
    connectTimeout: 2000,
    // Quick first retries, then every 2 s: a restarted Redis is picked up within seconds.
    reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
  };
  const common = { disableOfflineQueue: true, commandOptions: { timeout: timeoutMs } };
  if (topology.kind === 'server') {
    const client = createClient({ url: topology.url, ...common, socket });
    return { send: (args) => client.sendCommand(args), ordered: true, readyEvent: 'ready', connection: client };
  }
  const auth = credentials(topology.auth);
  const tlsSocket = topology.tls ? { ...socket, tls: true as const } : socket;
  if (topology.kind === 'cluster') {
    const cluster = createCluster({
      rootNodes: topology.nodes.map((node) => ({ socket: { ...tlsSocket, ...node } })),
      defaults: { ...common, ...auth, socket: tlsSocket },
      // Reads go to masters only: a replica may not have the last acknowledged write yet.
      useReplicas: false,
    });
    return {
      // Every command of the store names one key (a script: `EVALSHA sha 1 key …`): its slot's node.
      send: (args) => cluster.sendCommand(keyOf(args), false, args),
      ordered: false,
      readyEvent: 'node-ready',
      connection: cluster,
    };
  }
  const sentinel = createSentinel({
    name: topology.master,
    sentinelRootNodes: topology.sentinels,
    nodeClientOptions: { ...common, ...auth, socket: tlsSocket },
    sentinelClientOptions: { socket: tlsSocket },
    // One connection to the master: commands are applied in the order they are sent.
    masterPoolSize: 1,
  });
  return {
    send: (args) => sentinel.sendCommand(false, args),
    ordered: true,
    readyEvent: 'ready',
    connection: sentinel,
  };
}

const keyOf = (args: string[]) => (args[0]?.startsWith('EVAL') ? args[3] : args[1]);

const credentials = ({ username, password }: RedisAuth) => ({
  ...(username ? { username } : {}),
  ...(password ? { password } : {}),
});
