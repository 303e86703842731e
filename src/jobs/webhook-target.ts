// Where a webhook may post (issue 22 item 9, SSRF). Outside demo mode a webhook is https only and
// never reaches loopback, private, link-local, shared (CGNAT), multicast or reserved addresses,
// unless WEBHOOK_ALLOWED_HOSTS names its host. Checked twice: when an admin saves the address (a
// literal address, or a name that resolves to such an address, is refused with a 400), and when
// a delivery connects, on the address actually connected to (the lookup below), so a name that
// changes its answer later (DNS rebinding) is refused too. Redirects are never followed
// (webhook.ts), so a public host cannot bounce a delivery inward.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export interface WebhookTargetRule {
  /** Off in demo mode only (a demo or a test posts to a receiver on localhost over http). */
  enforce: boolean;
  /** Host names (lower case) that may resolve to internal addresses, e.g. an SMS gateway in the own network. */
  allowedHosts: ReadonlySet<string>;
}

const internal = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  internal.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is one a webhook may never reach (an IPv4-mapped IPv6 address as its IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return internal.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** The reason (Swedish, shown to the admin) a webhook address is refused, or null. Resolves a host name. */
export async function refuseWebhookUrl(raw: string, rule: WebhookTargetRule): Promise<string | null> {
  if (!rule.enforce) return null;
  const url = new URL(raw);
  if (url.protocol !== 'https:') return 'En webhook måste använda https.';
  const host = hostOf(url);
  if (rule.allowedHosts.has(host)) return null;
  const addresses = isIP(host) ? [host] : await resolveAll(host).catch(() => [] as string[]);
  // A name that does not resolve now is checked again at every delivery.
  if (addresses.some(isInternalAddress)) return 'Adressen leder till ett internt nät (loopback, privat eller länklokal) och tillåts inte för webhooks.';
  return null;
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true }, (error, found: LookupAddress[]) => (error ? reject(error) : resolve(found.map((a) => a.address)))),
  );
}

/** The code of the error a delivery fails with when its host resolves to an internal address. */
export const BLOCKED_TARGET = 'EWEBHOOKTARGET';

/**
 * A lookup for http(s).request that refuses, at connection time, any answer with an internal
 * address (unless the host is allowed): the address checked is the address connected to.
 */
export function guardedLookup(rule: WebhookTargetRule): LookupFunction | undefined {
  if (!rule.enforce) return undefined;
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = rule.allowedHosts.has(hostname.toLowerCase());
      if (!allowed && found.some((a) => isInternalAddress(a.address))) {
        return callback(Object.assign(new Error('webhook target resolves to an internal address'), { code: BLOCKED_TARGET }), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
      const first = found[0];
      if (!first) return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
