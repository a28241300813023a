/** What the guards must let through: legitimate updates that look unusual. */
import { defineForm, deleteMessage, getChannelEntry, openDirectMessage, fieldText, findMessage, postMessage, readField, readNotesTitle, restoreMessage, setNotesTitle, writeField } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useServer } from '../helpers/fixture.ts';
import { openRawClient } from '../helpers/raw-client.ts';
import { signToken } from '../helpers/tokens.ts';

const fixture = useServer();

describe('updates the guards accept', () => {
  it('accepts an editor starting a conversation they are in, of two or of eight (its id then a hash)', async () => {
    const ana = await fixture.synced('acme:workspace:main', { sub: 'ana' });
    const pair = openDirectMessage(ana.doc, { userIds: ['bo'], createdBy: 'ana', name: 'Ana, Bo' });
    const longIds = ['b', 'c', 'd', 'e', 'f', 'g', 'h'].map((letter) => `${letter}-colleague-with-a-long-id`);
    const group = openDirectMessage(ana.doc, { userIds: longIds, createdBy: 'ana', name: 'Group' });
    await ana.acknowledged();
    expect(ana.refusals).toEqual([]);
    expect(group.id).toMatch(/^dm\.[0-9a-f]{40}$/);
    const live = fixture.server.server.hocuspocus.documents.get('acme:workspace:main')!;
    expect(getChannelEntry(live, pair.id)).toMatchObject({ visibility: 'dm', members: ['ana', 'bo'] });
    expect(getChannelEntry(live, group.id)?.members).toHaveLength(8);
  });

  it('accepts a form defined with a free-text field and its first values in one update', async () => {
    const ana = await fixture.synced('acme:form:deal.text', { sub: 'ana' });
    ana.doc.transact(() => {
      defineForm(ana.doc, {
        title: 'Deal with notes', entityType: 'deal', entityId: 'text',
        schema: [{ name: 'amount', label: 'Amount', type: 'number' }, { name: 'notes', label: 'Notes', type: 'text' }],
      });
      writeField(ana.doc, 'amount', 42, { id: 'ana', name: 'Ana' });
      fieldText(ana.doc, 'notes')!.insert(0, 'call back on Monday');
    });
    await ana.acknowledged();
    expect(ana.refusals).toEqual([]);
    const live = fixture.server.server.hocuspocus.documents.get('acme:form:deal.text')!;
    expect(readField(live, 'amount').value).toBe(42);
    expect(fieldText(live, 'notes')!.toString()).toBe('call back on Monday');
  });

  it('accepts writes superseding the heads their authors saw in a list, one of them not yet arrived: both stay, a conflict', async () => {
    const ana = await fixture.synced('acme:form:deal.seen', { sub: 'ana' });
    const bo = await fixture.synced('acme:form:deal.seen', { sub: 'bo' });
    defineForm(ana.doc, { title: 'Seen', entityType: 'deal', entityId: 'seen', schema: [{ name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'won', 'lost'] }] });
    const seen = writeField(ana.doc, 'stage', 'lead', { id: 'ana', name: 'Ana' });
    await ana.acknowledged();
    writeField(ana.doc, 'stage', 'won', { id: 'ana', name: 'Ana' }, { supersedes: [seen] });
    await ana.acknowledged();
    // Bo saw only the first write and a write pruned since (ignored, §5); Ana's is in his copy by now.
    const live = fixture.server.server.hocuspocus.documents.get('acme:form:deal.seen')!;
    await expect.poll(() => readField(bo.doc, 'stage').value).toBe('won');
    writeField(bo.doc, 'stage', 'lost', { id: 'bo', name: 'Bo' }, { supersedes: [seen, 'w-pruned-long-ago'] });
    await bo.acknowledged();
    expect([ana.refusals, bo.refusals]).toEqual([[], []]);
    expect(readField(live, 'stage')).toMatchObject({ conflict: true });
    expect(readField(live, 'stage').candidates.map((c) => c.value).sort()).toEqual(['lost', 'won']);
  });

  it('accepts the author taking back the delete of their message (the Undo after deleting)', async () => {
    const ana = await fixture.synced('acme:channel:undo', { sub: 'ana' });
    postMessage(ana.doc, { id: 'm1', text: 'hello', authorId: 'ana', authorName: 'Ana' });
    deleteMessage(ana.doc, 'm1');
    await ana.acknowledged();
    restoreMessage(ana.doc, 'm1', { text: 'hello' });
    await ana.acknowledged();
    expect(ana.refusals).toEqual([]);
    const live = fixture.server.server.hocuspocus.documents.get('acme:channel:undo')!;
    expect(findMessage(live, 'm1')).toMatchObject({ text: 'hello' });
    expect(findMessage(live, 'm1')?.deletedAt).toBeUndefined();
  });

  it('accepts an update the server already has, as a reconnecting provider resends it', async () => {
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const ana = await fixture.synced('acme:form:deal.resend', token);
    defineForm(ana.doc, { title: 'Resent', entityType: 'deal', entityId: 'resend', schema: [{ name: 'amount', label: 'Amount', type: 'number' }] });
    await ana.acknowledged();
    const before = Y.encodeStateVector(ana.doc);
    writeField(ana.doc, 'amount', 7, { id: 'ana', name: 'Ana' });
    const write = Y.encodeStateAsUpdate(ana.doc, before);
    await ana.acknowledged();

    const raw = await openRawClient(fixture.server.wsUrl);
    await raw.authenticate('acme:form:deal.resend', token);
    const outcome = raw.nextOutcome();
    raw.sendUpdate('acme:form:deal.resend', write);
    expect(await outcome).toEqual({ kind: 'ack', applied: true });
    raw.socket.terminate();
    expect(readField(fixture.server.server.hocuspocus.documents.get('acme:form:deal.resend')!, 'amount').value).toBe(7);
  });

  it('refuses an update that overtakes what it builds on as retryable, and takes both in order', async () => {
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const doc = new Y.Doc();
    setNotesTitle(doc, 'first');
    const first = Y.encodeStateAsUpdate(doc);
    const before = Y.encodeStateVector(doc);
    setNotesTitle(doc, 'second');
    const second = Y.encodeStateAsUpdate(doc, before);

    const raw = await openRawClient(fixture.server.wsUrl);
    await raw.authenticate('acme:notes:overtaken', token);
    let outcome = raw.nextOutcome();
    raw.sendUpdate('acme:notes:overtaken', second);
    const refused = await outcome;
    expect(refused.kind === 'closed' && refused.reason).toMatch(/^missing-dependencies: an item refers to content the server does not have/);

    await raw.authenticate('acme:notes:overtaken', token);
    for (const update of [first, second]) {
      outcome = raw.nextOutcome();
      raw.sendUpdate('acme:notes:overtaken', update);
      expect(await outcome).toEqual({ kind: 'ack', applied: true });
    }
    raw.socket.terminate();
    expect(readNotesTitle(fixture.server.server.hocuspocus.documents.get('acme:notes:overtaken')!)).toBe('second');
  });
});

