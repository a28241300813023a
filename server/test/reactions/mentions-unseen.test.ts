/**
 * A mention is by user id, and it reaches that person's inbox even if they have never opened the
 * channel or never been online at all (docs/PROTOCOL.md, "People"); people who may not read the
 * channel are never notified from it.
 */
import { addChannel, getPerson, listInboxItems, postMessage } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import { useServer } from '../helpers/fixture.ts';
import { storedInbox as storedInboxOf } from '../helpers/stored-inbox.ts';
import { waitFor } from '../helpers/wait.ts';

const fixture = useServer();

const storedInbox = (userId: string) => storedInboxOf(fixture.server, userId);

describe('mentions of people who are not there', () => {
  it('reach someone known only from the people directory, who never opened the channel', async () => {
    const pia = await fixture.synced('acme:notes:plan', { sub: 'pia', name: 'Pia' });
    const directory = await fixture.synced('acme:workspace:main', { sub: 'ana', name: 'Ana' });
    await waitFor(() => getPerson(directory.doc, 'pia'), 'pia in the directory');
    pia.destroy();

    const chat = await fixture.synced('acme:channel:general', { sub: 'ana', name: 'Ana' });
    postMessage(chat.doc, { id: 'm-pia', text: '@Pia can you look?', authorId: 'ana', authorName: 'Ana', mentions: ['pia'] });
    await chat.acknowledged();
    await waitFor(async () => (await storedInbox('pia')).length > 0, 'pia’s mention to be stored');

    const inbox = await fixture.synced('acme:inbox:pia', { sub: 'pia', name: 'Pia' });
    expect(listInboxItems(inbox.doc)).toEqual([expect.objectContaining({ kind: 'mention', doc: 'acme:channel:general', anchor: 'm-pia' })]);
  });

  it('reach a member of a private channel or DM who has never been online, and nobody outside it', async () => {
    const directory = await fixture.synced('acme:workspace:main', { sub: 'ana', name: 'Ana', role: 'admin' });
    addChannel(directory.doc, { id: 'board', name: 'board', visibility: 'private', createdBy: 'ana', members: ['ana', 'quinn'] });
    addChannel(directory.doc, { id: 'dm.ana.bo', name: 'dm.ana.bo', visibility: 'dm', createdBy: 'ana', members: ['ana', 'bo'] });
    await directory.acknowledged();

    const board = await fixture.synced('acme:channel:board', { sub: 'ana', name: 'Ana' });
    // The outsider first: by the time the member's item is stored, the outsider's would have been too.
    postMessage(board.doc, { id: 'm-board', text: '@Rex @Quinn', authorId: 'ana', authorName: 'Ana', mentions: ['rex', 'quinn'] });
    const dm = await fixture.synced('acme:channel:dm.ana.bo', { sub: 'ana', name: 'Ana' });
    postMessage(dm.doc, { id: 'm-dm', text: '@Cy @Bo', authorId: 'ana', authorName: 'Ana', mentions: ['cy', 'bo'] });

    await waitFor(async () => (await storedInbox('quinn')).length > 0, 'quinn’s mention');
    await waitFor(async () => (await storedInbox('bo')).length > 0, 'bo’s mention');
    expect(await storedInbox('quinn')).toEqual([expect.objectContaining({ kind: 'mention', doc: 'acme:channel:board', anchor: 'm-board' })]);
    expect(await storedInbox('bo')).toEqual([expect.objectContaining({ kind: 'mention', doc: 'acme:channel:dm.ana.bo', anchor: 'm-dm' })]);
    expect(await storedInbox('rex')).toEqual([]);
    expect(await storedInbox('cy')).toEqual([]);
    expect(getPerson(directory.doc, 'quinn')).toBeUndefined();
  });
});
