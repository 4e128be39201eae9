import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { isPrivateAddress } from '../domain/destination';

/** Of a receiver's answer, kept for the deliveries list (the rest is read and dropped). */
const KEPT_BODY_BYTES = 1024;

export type SendOutcome =
  { ok: true; statusCode: number } | { ok: false; statusCode?: number; error: string };

export interface SendOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  userAgent: string;
}

/**
 * The address lookup of a delivery's connection: the addresses are checked when resolved, and
 * the connection goes to the address checked, so a name cannot resolve to a public address for
 * the check and a private one for the connection (DNS rebinding).
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return ((hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const usable = allowPrivate
        ? addresses
        : addresses.filter((a) => !isPrivateAddress(a.address));
      if (usable.length === 0) {
        return callback(
          Object.assign(new Error(`${hostname} resolves to a private or loopback address`), {
            code: 'EPRIVATE',
          }),
        );
      }
      if (options.all) return callback(null, usable);
      return callback(null, usable[0].address, usable[0].family);
    });
  }) as LookupFunction;
}

/**
 * POSTs one webhook: bounded in time from connect to last byte, no redirects followed, only 2xx
 * counts as delivered.
 */
export function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  { timeoutMs, allowPrivate, userAgent }: SendOptions,
): Promise<SendOutcome> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ ok: false, error: 'invalid URL' });
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
      return resolve({ ok: false, error: `${host} is a private or loopback address` });
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const done = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': userAgent,
        },
        lookup: guardedLookup(allowPrivate),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < KEPT_BODY_BYTES) chunks.push(chunk.subarray(0, KEPT_BODY_BYTES - kept));
          kept += chunk.length;
        });
        res.on('end', () => {
          const statusCode = res.statusCode ?? 0;
          if (statusCode >= 200 && statusCode < 300) return done({ ok: true, statusCode });
          const answer = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim();
          done({
            ok: false,
            statusCode,
            error: `HTTP ${statusCode}${answer ? `: ${answer}` : ''}`,
          });
        });
        res.on('error', (error) => done({ ok: false, error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (error) => done({ ok: false, error: error.message }));
    req.end(body);
  });
}
