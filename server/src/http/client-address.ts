/**
 * The address a request comes from, for what is limited per address (new WebSockets per second,
 * extensions/guards.ts). Behind a load balancer every client arrives from the balancer's address, so
 * one address's limit would pace them all — a reconnect storm after a failover most of all
 * (docs/DEPLOYMENT.md). With `TRUST_PROXY`, a request from one of those proxies counts as coming
 * from the address the proxy appended to `X-Forwarded-For`: the rightmost entry that is not itself a
 * trusted proxy. Entries to its left were written by whoever sent the request and are not believed,
 * and without `TRUST_PROXY` the header is ignored, so nobody outside can choose their own address.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { parseAddressOrSubnet } from '../config-values.ts';

export type ClientAddress = (request: IncomingMessage) => string;

/** IPv4 clients of a dual-stack socket appear as `::ffff:a.b.c.d`; they are the IPv4 address. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * What a per-address limit counts: an IPv4 address, or an IPv6 address's /64. An IPv6 client is
 * usually given a whole /64 and may pick any address in it (privacy addresses rotate within it), so
 * counting single IPv6 addresses would give one client as many allowances as it cares to take.
 */
export function limitedAs(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.split('::');
  const groups = head === '' ? [] : head.split(':');
  if (tail !== undefined) {
    // `::` stands for however many zero groups make eight; the first four are all a /64 needs.
    const tailGroups = tail === '' ? [] : tail.split(':');
    // An IPv4 address written at the end (`64:ff9b::192.0.2.1`) holds the last two groups.
    const after = tailGroups.length + (tail.includes('.') ? 1 : 0);
    groups.push(...Array<string>(Math.max(0, 8 - groups.length - after)).fill('0'), ...tailGroups);
  }
  return `${groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16)).join(':')}::/64`;
}

/** `entries`: addresses and subnets as `TRUST_PROXY` lists them (config.ts has validated them). */
export function createClientAddress(entries: readonly string[]): ClientAddress {
  const socketAddress = (request: IncomingMessage) => plain(request.socket.remoteAddress ?? 'unknown');
  if (entries.length === 0) return socketAddress;
  const trusted = new BlockList();
  for (const entry of entries) {
    const parsed = parseAddressOrSubnet(entry);
    if (!parsed) throw new Error(`not an address or subnet: ${entry}`);
    if (parsed.prefix === undefined) trusted.addAddress(parsed.address, parsed.family);
    else trusted.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  const isTrusted = (address: string) => {
    const version = isIP(address);
    return version !== 0 && trusted.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
  return (request) => {
    let address = socketAddress(request);
    if (!isTrusted(address)) return address;
    const header = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((hop) => plain(hop.trim()));
    for (let i = hops.length - 1; i >= 0 && isTrusted(address); i -= 1) {
      // A hop that is not an address (garbage, `unknown`) ends the chain: the last proxy is all we know.
      if (isIP(hops[i]!) === 0) break;
      address = hops[i]!;
    }
    return address;
  };
}
