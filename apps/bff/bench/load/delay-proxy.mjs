// A TCP proxy on loopback that holds every chunk for `oneWayMs` in each direction (a network
// round trip of twice that, added to whatever loopback costs), and counts the client's flights:
// a flight starts when the client sends after an answer has reached it, so commands sent while
// others await their answers ride in the same flight. At concurrency 1, flights per request are
// the sequential round trips a request waits for.
import net from 'node:net';

export async function delayProxy(targetUrl, oneWayMs) {
  const target = new URL(targetUrl);
  const stats = { flights: 0 };
  let answered = true;
  const sockets = new Set();
  const hold = (fn) => (oneWayMs > 0 ? setTimeout(fn, oneWayMs) : fn());
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => {
      if (answered) {
        stats.flights++;
        answered = false;
      }
      hold(() => upstream.write(chunk));
    });
    upstream.on('data', (chunk) =>
      hold(() => {
        client.write(chunk);
        answered = true;
      }),
    );
    client.on('end', () => hold(() => upstream.end()));
    upstream.on('end', () => hold(() => client.end()));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${server.address().port}`,
    stats,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
