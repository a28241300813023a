/**
 * New WebSockets per second are limited per address (extensions/guards.ts). Behind a load balancer
 * listed in TRUST_PROXY each client counts as the address the balancer appended to X-Forwarded-For
 * (http/client-address.ts); the addresses a client writes into the header itself are not believed,
 * and without TRUST_PROXY the header changes nothing.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitedAs } from '../../src/http/client-address.ts';
import { startHaproxy, type LoadBalancer } from '../helpers/haproxy.ts';
import { rawUpgrade } from '../helpers/raw-upgrade.ts';
import { freePort } from '../helpers/redis.ts';
import { startTestServer, tempDir, type TestServer } from '../helpers/server.ts';

/** One new WebSocket per address, then none for two seconds: the third upgrade of an address is refused. */
const UPGRADES_PER_SECOND = 0.5;
const ACCEPTED = 'HTTP/1.1 101 Switching Protocols';
const REFUSED = 'HTTP/1.1 429 Too Many Requests';

/** The status line an upgrade to /collab is answered with, sent with `forwardedFor` as X-Forwarded-For. */
function upgrade(server: { url: string }, forwardedFor?: string): Promise<string> {
  const port = Number(new URL(server.url).port);
  return rawUpgrade({ port, headers: forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor } });
}

describe('connection attempts per address behind a trusted proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: '10.9.0.0/16, 127.0.0.1' }, deps: { upgradesPerSecondPerAddress: UPGRADES_PER_SECOND } });
  });
  afterAll(() => server.close());

  it('counts each client the proxy names on its own', async () => {
    expect(await upgrade(server, '203.0.113.1')).toBe(ACCEPTED);
    expect(await upgrade(server, '203.0.113.2')).toBe(ACCEPTED);
    expect(await upgrade(server, '203.0.113.1')).toBe(REFUSED);
    expect(await upgrade(server, '2001:db8::7')).toBe(ACCEPTED);
  });

  it('counts an IPv6 client by its /64, since it may take any address in it', async () => {
    expect(await upgrade(server, '2001:db8:0:5::1')).toBe(ACCEPTED);
    expect(await upgrade(server, '2001:db8:0:5:ffff:1:2:3')).toBe(REFUSED);
    expect(await upgrade(server, '2001:db8:0:6::1')).toBe(ACCEPTED);
  });

  it('believes only the hop the trusted proxies appended, not what the client wrote before it', async () => {
    // The client wrote 198.51.100.x; the proxy appended 203.0.113.3, then a second trusted proxy 10.9.0.5.
    expect(await upgrade(server, '198.51.100.1, 203.0.113.3, 10.9.0.5')).toBe(ACCEPTED);
    expect(await upgrade(server, '198.51.100.2, 203.0.113.3')).toBe(REFUSED);
  });

  it('counts a request without the header, or with garbage in it, as the proxy itself', async () => {
    expect(await upgrade(server)).toBe(ACCEPTED);
    expect(await upgrade(server, 'not-an-address')).toBe(REFUSED);
  });
});

describe('what a per-address limit counts', () => {
  it("is an IPv4 address itself, and an IPv6 address's /64 however it is written", () => {
    expect(limitedAs('203.0.113.9')).toBe('203.0.113.9');
    const net = '2001:db8:a:b::/64';
    for (const address of ['2001:db8:a:b::1', '2001:DB8:A:B:0:0:0:2', '2001:db8:a:b:c:d:e:f', '2001:db8:000a:b::', '2001:db8:a:b::192.0.2.1']) {
      expect(limitedAs(address), address).toBe(net);
    }
    expect(limitedAs('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(limitedAs('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(limitedAs('::1:2:3:4:192.0.2.1')).toBe('0:0:1:2::/64');
    expect(limitedAs('1:2:3:4:5::')).toBe('1:2:3:4::/64');
  });
});

describe('connection attempts per address without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ deps: { upgradesPerSecondPerAddress: UPGRADES_PER_SECOND } });
  });
  afterAll(() => server.close());

  it('ignores X-Forwarded-For, so no client can name its own address', async () => {
    expect(await upgrade(server, '203.0.113.1')).toBe(ACCEPTED);
    expect(await upgrade(server, '203.0.113.2')).toBe(REFUSED);
  });
});

describe('behind the shipped HAProxy configuration (deploy/haproxy.cfg)', () => {
  let server: TestServer;
  let lb: LoadBalancer;
  const dir = tempDir('concord-haproxy-');
  beforeAll(async () => {
    // This test's clients are on loopback, a trusted address: the case where walking the header
    // would believe what they wrote, had HAProxy passed it on.
    server = await startTestServer({ env: { TRUST_PROXY: '127.0.0.1' }, deps: { upgradesPerSecondPerAddress: UPGRADES_PER_SECOND } });
    const port = Number(new URL(server.url).port);
    const shipped = fileURLToPath(new URL('../../../deploy/haproxy.cfg', import.meta.url));
    lb = await startHaproxy(shipped, dir, await freePort(), { 'concord-1': port, 'concord-2': port });
  });
  afterAll(async () => {
    await lb?.stop();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops what a client wrote in X-Forwarded-For, so it cannot name another address', async () => {
    expect(await upgrade(lb, '203.0.113.1')).toBe(ACCEPTED);
    expect(await upgrade(lb, '203.0.113.2')).toBe(REFUSED);
  });
});
