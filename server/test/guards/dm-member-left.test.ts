/**
 * Leaving a direct message leaves it where it is (docs/PROTOCOL.md, "Direct messages"): the one who
 * stayed still opens it at its id, nobody makes the pair a second one, nobody but an admin brings
 * back the one who left, and once an admin does, both are in the same conversation as before.
 */
import { addChannel, dmSecondId, getChannelEntry, isModelError, openDirectMessage, setChannelMember } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useServer } from '../helpers/fixture.ts';
import { waitFor } from '../helpers/wait.ts';

const fixture = useServer();
const WORKSPACE = 'acme:workspace:main';

const codeOf = (open: () => unknown): string | undefined => {
  try {
    open();
  } catch (error) {
    if (isModelError(error)) return error.code;
    throw error;
  }
  return undefined;
};

describe('a member leaving a direct message', () => {
  it('keeps the conversation at its id, refuses a second one and a rejoin by anyone but an admin', async () => {
    const ana = await fixture.synced(WORKSPACE, { sub: 'ana', name: 'Ana' });
    openDirectMessage(ana.doc, { userIds: ['cy'], createdBy: 'ana', name: 'Ana, Cy' });
    await ana.acknowledged();
    const cy = await fixture.synced(WORKSPACE, { sub: 'cy', name: 'Cy' });
    setChannelMember(cy.doc, 'dm.ana.cy', 'cy', false);
    await cy.acknowledged();
    expect(cy.refusals).toEqual([]);
    await waitFor(() => getChannelEntry(ana.doc, 'dm.ana.cy')?.members.length === 1, 'Ana to see Cy leave');

    expect(openDirectMessage(ana.doc, { userIds: ['cy'], createdBy: 'ana', name: 'Ana, Cy' })).toMatchObject({ id: 'dm.ana.cy', members: ['ana'] });
    expect(codeOf(() => openDirectMessage(cy.doc, { userIds: ['ana'], createdBy: 'cy', name: 'Cy, Ana' }))).toBe('dm-left');

    const live = fixture.server.server.hocuspocus.documents.get(WORKSPACE)!;
    for (const [sub, id] of [['ana', dmSecondId(['ana', 'cy'])], ['ana', 'dm.ana.cy'], ['cy', 'dm.ana.cy']] as const) {
      // An entry made without seeing the one there (as two people opening it at once would) that has Cy in it again.
      const offline = new Y.Doc();
      addChannel(offline, { id, name: 'again', visibility: 'dm', members: ['ana', 'cy'], createdBy: sub });
      const client = await fixture.client(WORKSPACE, { sub, name: sub }, offline);
      expect(await waitFor(() => client.refusals[0], `${sub}'s entry at ${id} to be refused`)).toMatch(/^invalid-update/);
      expect(live.store.clients.has(offline.clientID)).toBe(false);
    }
    expect(getChannelEntry(live, 'dm.ana.cy')?.members).toEqual(['ana']);
    expect(getChannelEntry(live, dmSecondId(['ana', 'cy']))).toBeUndefined();

    const admin = await fixture.synced(WORKSPACE, { sub: 'ada', name: 'Ada', role: 'admin' });
    setChannelMember(admin.doc, 'dm.ana.cy', 'cy', true);
    await admin.acknowledged();
    await waitFor(() => getChannelEntry(ana.doc, 'dm.ana.cy')?.members.length === 2, 'Ana to see Cy back');
    expect(openDirectMessage(ana.doc, { userIds: ['cy'], createdBy: 'ana', name: 'Ana, Cy' })).toMatchObject({ id: 'dm.ana.cy', members: ['ana', 'cy'] });
    await waitFor(() => getChannelEntry(cy.doc, 'dm.ana.cy')?.members.length === 2, 'Cy to see themself back');
    expect(openDirectMessage(cy.doc, { userIds: ['ana'], createdBy: 'cy', name: 'Cy, Ana' }).id).toBe('dm.ana.cy');
  });
});
