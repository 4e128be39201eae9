import { createServer } from 'node:net';

/**
 * `count` consecutive TCP ports free on 127.0.0.1 now (the first is returned), for servers a
 * test starts later, in this process or another, and may restart on the same port. Picked at
 * random below Linux's ephemeral range (32768 and up), where the kernel never hands a port to
 * an outgoing connection meanwhile (a reconnecting client, say).
 */
export async function freePorts(count: number): Promise<number> {
  for (;;) {
    const first = 20000 + Math.floor(Math.random() * (12000 - count));
    const free = await Promise.all(Array.from({ length: count }, (_, i) => isFree(first + i)));
    if (free.every(Boolean)) return first;
  }
}

/** A TCP port free on 127.0.0.1 now (see freePorts). */
export const freePort = (): Promise<number> => freePorts(1);

function isFree(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
