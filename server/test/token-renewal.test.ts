/**
 * A client that renews its token before `exp` and sends the new one on its open document
 * connections (the provider's `sendToken()`) keeps them: nothing drops at the old `exp`. A renewed
 * token that does not verify, or names somebody else, ends the connection instead.
 */
import { readNotesTitle, setNotesTitle } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import type { TestClient } from './helpers/client.ts';
import { useServer } from './helpers/fixture.ts';
import { expiresAtMs, signToken } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

const DEADLINE_MS = 15_000;

async function renew(client: TestClient, token: string): Promise<void> {
  client.provider.configuration.token = token;
  await client.provider.sendToken();
}

describe('a token renewed on an open connection', () => {
  const fixture = useServer();

  it('keeps the connection past the old exp, and what it sends after that is applied', async () => {
    const name = 'acme:notes:renewed';
    const first = await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: 2 });
    const ana = await fixture.synced(name, first);
    const ben = await fixture.synced(name, { sub: 'ben' });

    await renew(ana, await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: 3600 }));
    await waitFor(() => Date.now() > expiresAtMs(first) + 500, 'the first token to expire', DEADLINE_MS);
    // Without the renewal the server refuses anything sent after exp (token-expiry.ts).
    setNotesTitle(ana.doc, 'written after the first token expired');
    await ana.acknowledged();

    await waitFor(() => readNotesTitle(ben.doc) === 'written after the first token expired', 'ben to see the edit', DEADLINE_MS);
    expect(ana.refusals).toEqual([]);
    const live = fixture.server.server.hocuspocus.documents.get(name);
    expect(live?.getConnections().length).toBe(2);
  });

  it.each([
    ['for another user', () => signToken({ sub: 'eve', org: 'acme' }), /^unauthorized: a renewed token must name the same user/],
    ['for another org', () => signToken({ sub: 'ana', org: 'globex' }), /^unauthorized: a renewed token must name the same user/],
    ['with another role', () => signToken({ sub: 'ana', org: 'acme', role: 'admin' }), /^unauthorized: a renewed token must name the same user/],
    ['signed with another secret', () => signToken({ sub: 'ana', org: 'acme' }, 'another-secret-0123456789abcdef'), /^unauthorized: the token could not be verified/],
    ['already expired', () => signToken({ sub: 'ana', org: 'acme', expiresInSeconds: -5 }), /^token-expired/],
  ])('ends the connection when the new token is %s, and keeps the old identity until then', async (_what, token, reason) => {
    const name = `acme:notes:bad-renewal-${Math.random().toString(36).slice(2)}`;
    const ana = await fixture.synced(name, { sub: 'ana' });
    setNotesTitle(ana.doc, 'before');
    await ana.acknowledged();

    await renew(ana, await token());
    await waitFor(() => ana.refusals.find((r) => reason.test(r)), 'the connection to be ended', DEADLINE_MS);
    const live = fixture.server.server.hocuspocus.documents.get(name);
    expect(live?.getConnections().length ?? 0).toBe(0);
    const reader = await fixture.synced(name, { sub: 'ben' });
    expect(readNotesTitle(reader.doc)).toBe('before');
  });
});
