import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@cardbind/sandbox/node';
import { afterThis, record } from '../../../../scripts/test-processes/track.js';
import { written } from './pii.js';

export interface RedisCluster {
  /** `redis+cluster://…` naming every node, as CARDBIND_REDIS_URL would. */
  url: string;
  /** The live nodes: their address, whether each is a master, and whether it serves slots. */
  nodes(): { address: string; master: boolean; slots: boolean }[];
  /** Kills a master (SIGKILL): its replica takes over once the others have agreed it is gone. */
  killMaster(address: string): Promise<void>;
  /** Until every slot is served again (after a failover), or the deadline. */
  waitHealthy(deadlineMs?: number): Promise<void>;
  /** The master serving `key`'s slot now (host:port). */
  masterOf(key: string): string;
  /** Until every replica has every write its master acknowledged (replication is asynchronous). */
  waitReplicated(): Promise<void>;
}

const NODE_TIMEOUT_MS = 1000;

/**
 * A real Redis Cluster on loopback: three masters with a replica each (`redis-server
 * --cluster-enabled yes` × 6, then `redis-cli --cluster create --cluster-replicas 1`), each with
 * an append-only file fsynced on every write, a node timeout of a second (so a failover takes a
 * few), and full coverage required (a slot without a master refuses, the others serve).
 */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cardbind-redis-cluster-'));
  written.storeDirs.add(dir);
  const ports: { port: number; bus: number }[] = [];
  const taken = new Set<number>();
  while (ports.length < 6) {
    const [port, bus] = [await freePort(), await freePort()];
    if (port === bus || taken.has(port) || taken.has(bus)) continue;
    taken.add(port).add(bus);
    ports.push({ port, bus });
  }
  const children = new Map<string, ChildProcess>();
  await Promise.all(
    ports.map(({ port, bus }) => {
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir);
      const args = ['--port', String(port), '--cluster-port', String(bus), '--bind', '127.0.0.1'];
      args.push('--dir', nodeDir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always');
      args.push('--cluster-enabled', 'yes', '--cluster-node-timeout', String(NODE_TIMEOUT_MS));
      args.push('--cluster-require-full-coverage', 'no', '--protected-mode', 'no');
      const proc = spawn(process.env.REDIS_SERVER ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      record(proc);
      children.set(`127.0.0.1:${port}`, proc);
      return new Promise<void>((resolve, reject) => {
        createInterface({ input: proc.stdout }).on('line', (line) => {
          if (line.includes('Ready to accept connections')) resolve();
        });
        proc.once('exit', (code) => reject(new Error(`redis-server (cluster node ${port}) exited ${code}`)));
      });
    }),
  );
  afterThis(async () => {
    await Promise.all(
      [...children.values()].map((proc) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        proc.kill('SIGKILL');
        return exited;
      }),
    );
  });
  const addresses = ports.map(({ port }) => `127.0.0.1:${port}`);
  cli(addresses[0] ?? '', ['--cluster', 'create', ...addresses, '--cluster-replicas', '1', '--cluster-yes']);
  const alive = () => addresses.filter((a) => children.get(a)?.exitCode === null && !children.get(a)?.signalCode);
  const nodes = () => {
    const table = cli(alive()[0] ?? '', ['CLUSTER', 'NODES']);
    return table
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .filter((f) => !f[2]?.includes('fail'))
      .map((f) => ({
        address: (f[1] ?? '').split('@')[0] ?? '',
        master: f[2]?.includes('master') ?? false,
        slots: f.length > 8,
      }));
  };
  const cluster: RedisCluster = {
    url: `redis+cluster://${addresses.join(',')}`,
    nodes,
    masterOf(key) {
      const slot = Number(cli(alive()[0] ?? '', ['CLUSTER', 'KEYSLOT', key]).trim());
      const table = cli(alive()[0] ?? '', ['CLUSTER', 'NODES'])
        .trim()
        .split('\n');
      for (const line of table) {
        const f = line.split(' ');
        if (!f[2]?.includes('master') || f[2].includes('fail')) continue;
        for (const range of f.slice(8)) {
          const [from, to = from] = range.split('-').map(Number);
          if (from !== undefined && slot >= from && slot <= (to ?? from)) return (f[1] ?? '').split('@')[0] ?? '';
        }
      }
      throw new Error(`no master serves slot ${slot}`);
    },
    async killMaster(address) {
      const proc = children.get(address);
      if (!proc) throw new Error(`no node ${address}`);
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await exited;
    },
    async waitReplicated() {
      for (let i = 0; i < 100; i++) {
        const offsets = alive().map((a) => {
          const info = cli(a, ['INFO', 'replication']);
          const master = /master_repl_offset:(\d+)/.exec(info)?.[1];
          const replica = /slave_repl_offset:(\d+)/.exec(info)?.[1];
          return {
            master: info.includes('role:master'),
            offset: Number(info.includes('role:master') ? master : replica),
          };
        });
        const masters = offsets.filter((o) => o.master).map((o) => o.offset);
        if (offsets.filter((o) => !o.master).every((o) => masters.includes(o.offset))) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the replicas did not catch up');
    },
    async waitHealthy(deadlineMs = 30_000) {
      const until = Date.now() + deadlineMs;
      for (;;) {
        const healthy = alive().every((a) => cli(a, ['CLUSTER', 'INFO']).includes('cluster_state:ok'));
        const masters = nodes().filter((n) => n.master && n.slots).length;
        if (healthy && masters === 3) return;
        if (Date.now() > until) throw new Error('the cluster did not settle');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
  await cluster.waitHealthy();
  return cluster;
}

function cli(address: string, args: string[]): string {
  const [host = '', port = ''] = address.split(':');
  const result = spawnSync('redis-cli', ['-h', host, '-p', port, ...args], { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`redis-cli ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}
