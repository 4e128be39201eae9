import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now (for a server a test starts later, or never). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * A port for a server a test starts in another process (which must be told its port), with
 * `count - 1` more after it: random below Linux's ephemeral range (32768 and up), where the
 * kernel never hands a port to an outgoing connection meanwhile, and free now.
 */
export async function listenPorts(count = 1): Promise<number> {
  for (;;) {
    const first = 20000 + Math.floor(Math.random() * (12000 - count));
    const free = await Promise.all(Array.from({ length: count }, (_, i) => isFree(first + i)));
    if (free.every(Boolean)) return first;
  }
}

function isFree(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
