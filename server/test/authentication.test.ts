import { readNotesTitle, setNotesTitle } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import { useServer } from './helpers/fixture.ts';
import { signToken } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

describe('who may open which document', () => {
  const fixture = useServer();

  async function refusalFor(name: string, token: string): Promise<string> {
    const client = await fixture.client(name, token);
    return waitFor(() => client.refusals[0], `a refusal for ${name}`);
  }

  const ana = () => signToken({ sub: 'ana', org: 'acme' });

  it('refuses a connection without a token', async () => {
    expect(await refusalFor('acme:notes:n1', '')).toMatch(/^unauthorized: a token is required/);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await signToken({ sub: 'ana', org: 'acme' }, 'another-secret-that-is-long-enough');
    expect(await refusalFor('acme:notes:n1', forged)).toMatch(/^unauthorized: the token could not be verified/);
  });

  it('refuses an expired token', async () => {
    const expired = await signToken({ sub: 'ana', org: 'acme', expiresInSeconds: -60 });
    expect(await refusalFor('acme:notes:n1', expired)).toMatch(/^token-expired/);
  });

  it('refuses a token whose claims are incomplete', async () => {
    const noRole = await signToken({ sub: 'ana', org: 'acme', role: 'owner' as 'admin' });
    expect(await refusalFor('acme:notes:n1', noRole)).toMatch(/^unauthorized: bad claim role/);
  });

  it('refuses a malformed document name', async () => {
    expect(await refusalFor('acme:notes', await ana())).toMatch(/^malformed-name/);
    expect(await refusalFor('acme:notes:has space', await ana())).toMatch(/^malformed-name/);
  });

  it('refuses an unknown document kind', async () => {
    expect(await refusalFor('acme:spreadsheet:s1', await ana())).toMatch(/^unknown-kind/);
  });

  it("refuses another org's document", async () => {
    expect(await refusalFor('globex:notes:n1', await ana())).toMatch(/^forbidden: a member of acme may not open documents of another org/);
  });

  it("refuses another user's inbox and admits one's own", async () => {
    expect(await refusalFor('acme:inbox:ben', await ana())).toMatch(/^forbidden: an inbox is open to its owner only/);
    const own = await fixture.synced('acme:inbox:ana', await ana());
    expect(own.refusals).toEqual([]);
  });

  it("never applies, broadcasts or stores a viewer's write", async () => {
    const name = 'acme:notes:viewer-test';
    const editor = await fixture.synced(name, await ana());
    const viewer = await fixture.synced(name, { sub: 'vic', role: 'viewer' });

    setNotesTitle(viewer.doc, 'written by a viewer');
    setNotesTitle(editor.doc, 'written by an editor');
    await editor.acknowledged();
    // The editor's later write reaching the viewer shows the viewer's earlier one had its chance.
    await waitFor(() => viewer.doc.store.clients.has(editor.doc.clientID), 'the viewer to receive the edit');
    await waitFor(() => viewer.provider.unsyncedChanges > 0, 'the viewer write to stay unacknowledged');

    const stored = await fixture.server.server.storage.load(name);
    const texts = [stored.snapshot, ...stored.updates].filter(Boolean).map((u) => Buffer.from(u!).toString('latin1'));
    expect(texts.some((t) => t.includes('written by a viewer'))).toBe(false);
    expect(texts.some((t) => t.includes('written by an editor'))).toBe(true);
    expect(readNotesTitle(editor.doc)).toBe('written by an editor');
    const live = fixture.server.server.hocuspocus.documents.get(name)!;
    expect(JSON.stringify(live.toJSON())).not.toContain('written by a viewer');
  });
});
