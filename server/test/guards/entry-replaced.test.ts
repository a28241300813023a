/**
 * A client that had not seen a channel's entry can still set its id, and Yjs then replaces the entry
 * it never saw: no delete is in the update. An editor must not take a private channel that way
 * (server/src/guards/rules/workspace.ts); two people creating the org's first `general` at once
 * still may, as the web app's seeding does.
 */
import { addChannel, getChannelEntry } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyStored } from '../../src/storage/merge.ts';
import { useServer } from '../helpers/fixture.ts';
import { waitFor } from '../helpers/wait.ts';

const fixture = useServer();
const WORKSPACE = 'acme:workspace:main';

/** A document that never saw the server's, whose entries win Yjs's tie-break over `than`'s. */
function unsyncedWinning(than: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = than.clientID + 1;
  return doc;
}

describe('setting a channel id that already has an entry, without having seen it', () => {
  it('is refused for a private channel: its entry, members and stored log are unchanged', async () => {
    const ada = await fixture.synced(WORKSPACE, { sub: 'ada', name: 'Ada', role: 'admin' });
    addChannel(ada.doc, { id: 'deals', name: 'Deals', visibility: 'private', members: ['ada', 'bo'], createdBy: 'ada' });
    await ada.acknowledged();
    const live = fixture.server.server.hocuspocus.documents.get(WORKSPACE)!;

    for (const visibility of ['private', 'public'] as const) {
      const offline = unsyncedWinning(ada.doc);
      addChannel(offline, { id: 'deals', name: 'Mine now', visibility, members: ['mal'], createdBy: 'mal' });
      const mal = await fixture.client(WORKSPACE, { sub: 'mal', name: 'Mal' }, offline);
      expect(await waitFor(() => mal.refusals[0], `Mal's ${visibility} entry to be refused`)).toMatch(/^invalid-update: channels\/deals: only an admin/);
      expect(live.store.clients.has(offline.clientID)).toBe(false);
    }
    expect(getChannelEntry(live, 'deals')).toMatchObject({ name: 'Deals', visibility: 'private', members: ['ada', 'bo'], createdBy: 'ada' });
    const stored = new Y.Doc();
    applyStored(stored, await fixture.server.server.storage.load(WORKSPACE));
    expect(getChannelEntry(stored, 'deals')).toMatchObject({ name: 'Deals', members: ['ada', 'bo'] });
  });

  it('is accepted for two people creating the same public channel at once', async () => {
    const ana = await fixture.synced(WORKSPACE, { sub: 'ana', name: 'Ana' });
    addChannel(ana.doc, { id: 'general', name: 'general', visibility: 'public', createdBy: 'ana' });
    await ana.acknowledged();
    const offline = unsyncedWinning(ana.doc);
    addChannel(offline, { id: 'general', name: 'general', visibility: 'public', createdBy: 'bo' });
    const bo = await fixture.client(WORKSPACE, { sub: 'bo', name: 'Bo' }, offline);
    await bo.acknowledged();
    expect(bo.refusals).toEqual([]);
    await waitFor(() => getChannelEntry(ana.doc, 'general')?.createdBy === 'bo', 'the later entry to win on Ana’s side');
    expect(getChannelEntry(ana.doc, 'general')?.visibility).toBe('public');
  });
});
