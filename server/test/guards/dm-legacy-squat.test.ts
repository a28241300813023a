/**
 * A directory entry that took a pair's DM id before the server refused such entries (written here
 * by the server itself, past the guards, as an older release let a client store it) does not keep
 * the pair from talking: "Message Bo" opens their conversation at its second id, which the guards
 * accept only while the first is held, and the conversation stays there (docs/PROTOCOL.md, "Direct
 * messages").
 */
import { addChannel, dmChannelId, dmSecondId, getChannelEntry, listMessages, openDirectMessage, postMessage, workspaceChannels } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { useServer } from '../helpers/fixture.ts';
import { waitFor } from '../helpers/wait.ts';

const fixture = useServer();
const WORKSPACE = 'acme:workspace:main';

const storeAsBefore = (entry: Parameters<typeof addChannel>[1]) => fixture.server.server.write(WORKSPACE, (doc) => void addChannel(doc, entry));
const live = () => fixture.server.server.hocuspocus.documents.get(WORKSPACE)!;

/** `sub` tries to add `id` for `members`; the server refuses it and keeps nothing of it. */
async function expectNewEntryRefused(sub: string, id: string, members: string[]): Promise<void> {
  const client = await fixture.synced(WORKSPACE, { sub, name: sub });
  addChannel(client.doc, { id, name: 'x', visibility: 'dm', members, createdBy: sub });
  expect(await waitFor(() => client.refusals[0], `${sub}'s entry at ${id} to be refused`)).toMatch(/^invalid-update/);
  expect(live().store.clients.has(client.doc.clientID)).toBe(false);
}

describe('a DM id squatted before the rule', () => {
  it('moves the pair’s conversation to its second id, the same for both, open to them only', async () => {
    await storeAsBefore({ id: 'dm.ana.bo', name: 'mine now', visibility: 'dm', members: ['mal'], createdBy: 'mal', createdAt: 1 });

    const ana = await fixture.synced(WORKSPACE, { sub: 'ana', name: 'Ana' });
    expect(getChannelEntry(ana.doc, 'dm.ana.bo')?.members).toEqual(['mal']);
    const opened = openDirectMessage(ana.doc, { userIds: ['bo'], createdBy: 'ana', name: 'Ana, Bo' });
    expect(opened).toMatchObject({ id: dmSecondId(['ana', 'bo']), visibility: 'dm', members: ['ana', 'bo'] });
    await ana.acknowledged();
    expect(ana.refusals).toEqual([]);

    const bo = await fixture.synced(WORKSPACE, { sub: 'bo', name: 'Bo' });
    await waitFor(() => getChannelEntry(bo.doc, opened.id), 'the conversation in Bo’s directory');
    expect(openDirectMessage(bo.doc, { userIds: ['ana'], createdBy: 'bo', name: 'Bo, Ana' })).toEqual(opened);

    const anaChat = await fixture.synced(`acme:channel:${opened.id}`, { sub: 'ana', name: 'Ana' });
    postMessage(anaChat.doc, { id: 'm1', text: 'hi Bo', authorId: 'ana', authorName: 'Ana' });
    const boChat = await fixture.synced(`acme:channel:${opened.id}`, { sub: 'bo', name: 'Bo' });
    await waitFor(() => listMessages(boChat.doc).length === 1, 'Bo to receive the message');
    const mal = await fixture.client(`acme:channel:${opened.id}`, { sub: 'mal', name: 'Mal' });
    expect(await waitFor(() => mal.refusals[0], 'mal to be refused')).toMatch(/^forbidden/);
  });

  it('refuses a third party making the pair’s second id while the first is held', async () => {
    await storeAsBefore({ id: 'dm.cy.dot', name: 'ours', visibility: 'private', members: ['cy', 'dot', 'mal'], createdBy: 'mal', createdAt: 1 });
    await expectNewEntryRefused('mal', dmSecondId(['cy', 'dot']), ['cy', 'dot']);
  });

  it('keeps the conversation at its second id when the entry at the first becomes one of theirs', async () => {
    await storeAsBefore({ id: 'dm.dee.eve', name: 'planning', visibility: 'private', members: ['dee', 'eve'], createdBy: 'dee', createdAt: 1 });
    const dee = await fixture.synced(WORKSPACE, { sub: 'dee', name: 'Dee' });
    const opened = openDirectMessage(dee.doc, { userIds: ['eve'], createdBy: 'dee', name: 'Dee, Eve' });
    expect(opened.id).toBe(dmSecondId(['dee', 'eve']));
    await dee.acknowledged();

    const admin = await fixture.synced(WORKSPACE, { sub: 'ada', name: 'Ada', role: 'admin' });
    (workspaceChannels(admin.doc).get('dm.dee.eve') as Y.Map<unknown>).set('visibility', 'dm');
    await admin.acknowledged();
    expect(admin.refusals).toEqual([]);

    const eve = await fixture.synced(WORKSPACE, { sub: 'eve', name: 'Eve' });
    expect(getChannelEntry(eve.doc, 'dm.dee.eve')?.visibility).toBe('dm');
    expect(openDirectMessage(eve.doc, { userIds: ['dee'], createdBy: 'eve', name: 'Eve, Dee' })).toEqual(opened);
  });

  it('refuses a new entry at the first id while the conversation is at the second', async () => {
    const second = dmSecondId(['fay', 'gus']);
    await storeAsBefore({ id: second, name: 'Fay, Gus', visibility: 'dm', members: ['fay', 'gus'], createdBy: 'fay', createdAt: 1 });
    await expectNewEntryRefused('gus', dmChannelId(['fay', 'gus']), ['fay', 'gus']);
    const fay = await fixture.synced(WORKSPACE, { sub: 'fay', name: 'Fay' });
    expect(openDirectMessage(fay.doc, { userIds: ['gus'], createdBy: 'fay', name: 'Fay, Gus' }).id).toBe(second);
  });
});
