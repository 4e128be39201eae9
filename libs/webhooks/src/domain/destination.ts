import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may not reach unless allowed: loopback, private, link-local, reserved. */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is loopback, private, link-local or otherwise not on the internet. */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return FORBIDDEN.check(address, 'ipv4');
  if (version !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return FORBIDDEN.check(mapped[1], 'ipv4');
  return FORBIDDEN.check(address, 'ipv6');
}

export interface UrlRule {
  rule: string;
  message: string;
}

/**
 * What is wrong with a webhook URL before any lookup: http(s) only (https in production), no
 * credentials, and no literal private address unless allowed. Names are checked when resolved.
 */
export function webhookUrlProblems(
  raw: string,
  { requireHttps, allowPrivate }: { requireHttps: boolean; allowPrivate: boolean },
): UrlRule[] {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [{ rule: 'url', message: 'must be an absolute http(s) URL' }];
  }
  const problems: UrlRule[] = [];
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push({ rule: 'url', message: 'must be an http(s) URL' });
  } else if (requireHttps && url.protocol !== 'https:') {
    problems.push({ rule: 'https', message: 'must use https' });
  }
  if (url.username || url.password) {
    problems.push({ rule: 'no_credentials', message: 'must not carry a user name or password' });
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host) !== 0;
  if (!allowPrivate && ((literal && isPrivateAddress(host)) || /^localhost\.?$/i.test(host))) {
    problems.push({
      rule: 'public_address',
      message: 'must not point to a private or loopback address',
    });
  }
  return problems;
}
