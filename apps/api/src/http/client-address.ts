import proxyAddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';

type Trust = (address: string, hop: number) => boolean;

/** TRUST_PROXY as Fastify reads it: which hops may name the client in X-Forwarded-For. */
export function proxyTrust(trustProxy: boolean | number | string): Trust {
  if (trustProxy === true) return () => true;
  if (trustProxy === false) return () => false;
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  return proxyAddr.compile(trustProxy.split(',').map((entry) => entry.trim()));
}

/**
 * The client's address of a request that did not go through Fastify's routing (the Socket.io
 * handshake), by the same rule as `request.ip`.
 */
export function clientAddressOf(request: IncomingMessage, trust: Trust): string {
  return proxyAddr(request, trust);
}

/**
 * A guest's client address as a keyed hash (never the address itself): guests' sessions are free
 * to make, so what they may hold or wait for is counted per address. Undefined for users.
 */
export function guestOrigin(
  actor: { kind: 'user' | 'guest' },
  ip: string,
  cipher: { blindIndex(normalized: string): string },
): string | undefined {
  return actor.kind === 'guest' ? cipher.blindIndex(`client-address:${ip}`) : undefined;
}
