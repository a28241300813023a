/**
 * An edit that adds a mention notifies that person as posting does, once per message: re-saving or
 * re-adding the mention notifies nobody twice, removing it takes nothing back, and nobody who may
 * not read the channel is notified (docs/PROTOCOL.md, "Schemas", channel `mentions`).
 */
import { addChannel, editMessage, postMessage } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import { useServer } from '../helpers/fixture.ts';
import { storedInbox as storedInboxOf } from '../helpers/stored-inbox.ts';
import { waitFor } from '../helpers/wait.ts';

const fixture = useServer();

const storedInbox = (userId: string) => storedInboxOf(fixture.server, userId);

describe('mentions added by an edit', () => {
  it('notify the people added, once, and only those who may read the channel', async () => {
    const directory = await fixture.synced('acme:workspace:main', { sub: 'ana', name: 'Ana', role: 'admin' });
    addChannel(directory.doc, { id: 'board', name: 'board', visibility: 'private', createdBy: 'ana', members: ['ana', 'bo', 'cy', 'dee'] });
    await directory.acknowledged();

    const board = await fixture.synced('acme:channel:board', { sub: 'ana', name: 'Ana' });
    postMessage(board.doc, { id: 'm1', text: 'Can someone look?', authorId: 'ana', authorName: 'Ana' });
    // The outsider first: by the time Bo's item is stored, Rex's would have been too.
    editMessage(board.doc, 'm1', 'Can @Rex or @Bo look?', Date.now(), ['rex', 'bo']);
    await board.acknowledged();
    await waitFor(async () => (await storedInbox('bo')).length > 0, 'bo’s mention');
    expect(await storedInbox('bo')).toEqual([expect.objectContaining({ kind: 'mention', doc: 'acme:channel:board', anchor: 'm1', text: 'Ana mentioned you in #board: Can @Rex or @Bo look?' })]);
    expect(await storedInbox('rex')).toEqual([]);

    // Each later edit also mentions someone new, after Bo: one message's people are notified in
    // order, so once the newcomer's item is stored, Bo's would have been too.
    editMessage(board.doc, 'm1', 'Can @Bo or @Cy look?', Date.now(), ['bo', 'cy']);
    await waitFor(async () => (await storedInbox('cy')).length > 0, 'cy’s mention');
    expect(await storedInbox('bo')).toHaveLength(1);
    editMessage(board.doc, 'm1', 'Can anyone look?', Date.now(), []);
    editMessage(board.doc, 'm1', 'Can @Bo or @Dee look?', Date.now(), ['bo', 'dee']);
    await waitFor(async () => (await storedInbox('dee')).length > 0, 'dee’s mention');
    expect(await storedInbox('bo')).toHaveLength(1);
    expect(await storedInbox('cy')).toHaveLength(1);
    expect(await storedInbox('rex')).toEqual([]);
  });
});
