import { describe, expect, it } from 'vitest';
import { freePort, listen } from '../src/node.js';

describe('freePort', () => {
  it('gives a port a process can listen on, below the range the system hands out for port 0', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_000);
    }
    const server = await listen(() => new Response('here'), ports[0]);
    expect(await (await fetch(server.url)).text()).toBe('here');
    await server.close();
  });
});
