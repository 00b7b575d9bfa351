import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promises as dns } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Where webhooks may point. */
export interface WebhookTargetPolicy {
  isProduction: boolean;
  /** WEBHOOK_ALLOW_HOSTS: on-premises receivers, allowed on private addresses and over plain http. */
  allowHosts: readonly string[];
}

export type TargetRefusal =
  | { reason: 'invalid' }
  | { reason: 'credentials' }
  | { reason: 'https' }
  | { reason: 'address'; host: string }
  | { reason: 'unresolvable'; host: string };

export class WebhookTargetRefused extends Error {
  constructor(readonly refusal: TargetRefusal) {
    super(`webhook target refused: ${refusal.reason}${'host' in refusal ? ` (${refusal.host})` : ''}`);
  }
}

// Loopback, private, link-local, shared (CGNAT), unspecified, multicast and reserved ranges:
// nothing a public receiver lives on, everything an attacker would aim at inside the operator's network.
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
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  // ::/96 holds :: and ::1 and the deprecated IPv4-compatible addresses (RFC 4291): nothing public lives there.
  ['::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
  // NAT64 prefixes (RFC 6052, RFC 8215) translate to IPv4 behind the operator's gateway. The local-use one
  // puts the IPv4 address where the operator chooses, so neither is decoded: both are refused whole.
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
] as const)
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address already checked by isIP (a zone id is ignored). */
function groupsOf(address: string): number[] {
  const [head = '', tail] = address.split('%')[0].toLowerCase().split('::');
  const parse = (text: string): number[] => {
    const groups: number[] = [];
    for (const part of text ? text.split(':') : []) {
      if (part.includes('.')) {
        const [a = 0, b = 0, c = 0, d = 0] = part.split('.').map(Number); // a trailing dotted quad: two groups
        groups.push(a * 256 + b, c * 256 + d);
      } else groups.push(parseInt(part, 16));
    }
    return groups;
  };
  const start = parse(head);
  if (tail === undefined) return start;
  const end = parse(tail);
  return [...start, ...new Array<number>(8 - start.length - end.length).fill(0), ...end];
}

function ipv4Of(high: number, low: number): string {
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/**
 * The IPv4 addresses an IPv6 address carries, by the forms that reach them:
 * IPv4-mapped (::ffff:0:0/96) and IPv4-translated (::ffff:0:0:0/96, SIIT),
 * 6to4 (2002::/16), Teredo (2001::/32: the server, and the client stored
 * inverted) and an ISATAP interface identifier (…:0:5efe:a.b.c.d, also 200:5efe).
 * The deprecated IPv4-compatible form and the NAT64 prefixes are refused whole.
 */
export function embeddedIPv4(address: string): string[] {
  const g = groupsOf(address);
  const found: string[] = [];
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) found.push(ipv4Of(g[6], g[7]));
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) found.push(ipv4Of(g[6], g[7]));
  if (g[0] === 0x2002) found.push(ipv4Of(g[1], g[2]));
  if (g[0] === 0x2001 && g[1] === 0) found.push(ipv4Of(g[2], g[3]), ipv4Of(~g[6] & 0xffff, ~g[7] & 0xffff));
  if ((g[4] === 0 || g[4] === 0x200) && g[5] === 0x5efe) found.push(ipv4Of(g[6], g[7]));
  return found;
}

/** Whether an address is one a production webhook must not reach. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  if (family !== 6) return true;
  if (FORBIDDEN.check(address.split('%')[0], 'ipv6')) return true;
  return embeddedIPv4(address).some((ipv4) => FORBIDDEN.check(ipv4, 'ipv4'));
}

const LOCALHOST = new Set(['localhost', '127.0.0.1', '[::1]']);

function isAllowListed(policy: WebhookTargetPolicy, hostname: string): boolean {
  return policy.allowHosts.includes(hostname.toLowerCase());
}

/** Checks the form of a webhook URL (no network): returns the parsed URL or throws WebhookTargetRefused. */
export function parseWebhookUrl(raw: string, policy: WebhookTargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new WebhookTargetRefused({ reason: 'invalid' });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || raw.length > 2048) {
    throw new WebhookTargetRefused({ reason: 'invalid' });
  }
  if (url.username || url.password) throw new WebhookTargetRefused({ reason: 'credentials' });
  if (url.protocol === 'http:') {
    const localDevelopment = !policy.isProduction && LOCALHOST.has(url.hostname.toLowerCase());
    if (!localDevelopment && !isAllowListed(policy, url.hostname)) throw new WebhookTargetRefused({ reason: 'https' });
  }
  url.hash = '';
  return url;
}

/**
 * Checks a URL at registration: its form, and in production that its host
 * resolves to public addresses only (unless allow-listed). Delivery checks
 * the address again at connect time (`guardedLookup`), so a host that later
 * re-resolves to an internal address is refused then too.
 */
export async function checkWebhookTarget(
  raw: string,
  policy: WebhookTargetPolicy,
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<URL> {
  const url = parseWebhookUrl(raw, policy);
  if (!policy.isProduction || isAllowListed(policy, url.hostname)) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    throw new WebhookTargetRefused({ reason: 'unresolvable', host });
  }
  if (addresses.length === 0) throw new WebhookTargetRefused({ reason: 'unresolvable', host });
  if (addresses.some(isForbiddenAddress)) throw new WebhookTargetRefused({ reason: 'address', host });
  return url;
}

async function resolveAll(host: string): Promise<string[]> {
  return (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
}

/**
 * A `lookup` for http(s).request that refuses forbidden addresses in
 * production (DNS rebinding: the address used is the address checked).
 */
export function guardedLookup(
  policy: WebhookTargetPolicy,
  hostname: string,
  resolve: (host: string, options: { all: true }, callback: (error: Error | null, addresses: LookupAddress[]) => void) => void = dnsLookup,
): LookupFunction | undefined {
  if (!policy.isProduction || isAllowListed(policy, hostname)) return undefined;
  return ((host: string, options: object, callback: (...args: unknown[]) => void) => {
    resolve(host, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error);
      const list = addresses;
      const refused = list.find((a) => isForbiddenAddress(a.address));
      if (refused || list.length === 0) return callback(new WebhookTargetRefused({ reason: 'address', host }));
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  }) as LookupFunction;
}

/** At delivery: the URL's form again, and an IP-literal host (which connects without a lookup) against the same rule. */
export function checkTargetAtDelivery(raw: string, policy: WebhookTargetPolicy): URL {
  const url = parseWebhookUrl(raw, policy);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (policy.isProduction && !isAllowListed(policy, url.hostname) && isIP(host) && isForbiddenAddress(host)) {
    throw new WebhookTargetRefused({ reason: 'address', host });
  }
  return url;
}
