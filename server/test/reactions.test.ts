import {
  channelMessages, defineForm, inboxItems, inboxUnreadCount, listActivity, listInboxItems, listMessages, postMessage, readField, resolveField, scheduleMeeting,
  writeField, inviteToMeeting, type Author,
} from '@concord/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useServer } from './helpers/fixture.ts';
import { signToken } from './helpers/tokens.ts';
import { waitFor } from './helpers/wait.ts';

const fixture = useServer();
const open = (name: string, sub: string, displayName = sub) => fixture.synced(name, { sub, name: displayName });

describe('the server as a participant', () => {
  it('puts a mention in the inbox of the mentioned user within a second', async () => {
    const inbox = await open('acme:inbox:ben', 'ben');
    const chat = await open('acme:channel:general', 'ana', 'Ana');
    const sentAt = Date.now();
    postMessage(chat.doc, { text: 'hey @ben, look', authorId: 'ana', authorName: 'Ana', mentions: ['ben'] });
    const item = await waitFor(() => listInboxItems(inbox.doc).find((i) => i.kind === 'mention'), 'the mention', 1_000);
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(item).toMatchObject({ kind: 'mention', doc: 'acme:channel:general', text: expect.stringContaining('Ana mentioned you') });
  });

  it('writes activity from the authenticated user, whatever name the client claims', async () => {
    const chat = await open('acme:channel:activity', 'ana', 'Ana Real');
    postMessage(chat.doc, { text: 'status update', authorId: 'ana', authorName: 'Someone Famous' });
    const workspace = await open('acme:workspace:main', 'obs');
    const entry = await waitFor(() => listActivity(workspace.doc).find((a) => a.doc === 'acme:channel:activity'), 'the activity entry');
    expect(entry).toMatchObject({ userId: 'ana', userName: 'Ana Real', action: 'posted' });
    const response = await fetch(`${fixture.server.url}/api/docs/acme:channel:activity/activity`, { headers: { Authorization: `Bearer ${await signToken({ sub: 'obs', org: 'acme' })}` } });
    expect(response.status).toBe(200);
    const { activity } = (await response.json()) as { activity: Array<{ userId: string; userName: string; action: string }> };
    expect(activity[0]).toMatchObject({ userId: 'ana', userName: 'Ana Real', action: 'posted' });
  });

  it('records each of a burst of first posts in an org, in the feed and the audit trail (they are stored together)', async () => {
    const people = ['cai', 'dee', 'eli'];
    const chats = await Promise.all(people.map((sub) => open(`acme:channel:burst-${sub}`, sub)));
    chats.forEach((chat, i) => postMessage(chat.doc, { text: `hello from ${people[i]}`, authorId: people[i]!, authorName: people[i]! }));
    const workspace = await open('acme:workspace:main', 'obs');
    const entries = await waitFor(() => {
      const burst = listActivity(workspace.doc).filter((a) => a.doc.startsWith('acme:channel:burst-'));
      return burst.length === people.length ? burst : undefined;
    }, 'an entry for each person');
    expect(entries.map((a) => a.userId).sort()).toEqual(people);
    const token = await signToken({ sub: 'obs', org: 'acme' });
    for (const sub of people) {
      const response = await fetch(`${fixture.server.url}/api/docs/acme:channel:burst-${sub}/activity`, { headers: { Authorization: `Bearer ${token}` } });
      const { activity } = (await response.json()) as { activity: Array<{ userId: string; action: string; summary: string }> };
      expect(activity).toEqual([expect.objectContaining({ userId: sub, action: 'posted', summary: `#burst-${sub}: hello from ${sub}` })]);
    }
  });

  /**
   * Two people write `amount` of `formName` without seeing each other's write; returns once both
   * have the conflict item. Each test uses its own people, so their inboxes hold only its items.
   */
  async function makeConflict(formName: string, title: string, people: [string, string]) {
    const [first, second] = people.map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) })) as [Author, Author];
    const a = await open(formName, first.id, first.name);
    defineForm(a.doc, { title, entityType: 'deal', entityId: title, schema: [{ name: 'amount', label: 'Amount', type: 'number' }] });
    await a.acknowledged();
    const b = await open(formName, second.id, second.name);
    // Two writes made without seeing each other: concurrent, so both stay as candidates.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(b.doc));
    writeField(offline, 'amount', 200, second);
    writeField(a.doc, 'amount', 100, first);
    await a.acknowledged();
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(offline));
    for (const client of [a, b]) await waitFor(() => readField(client.doc, 'amount').conflict, 'the conflict to reach both writers');
    const inboxes = [await open(`acme:inbox:${first.id}`, first.id), await open(`acme:inbox:${second.id}`, second.id)];
    const conflictItem = (inbox: (typeof inboxes)[number]) => listInboxItems(inbox.doc).find((i) => i.kind === 'conflict' && i.doc === formName);
    for (const inbox of inboxes) await waitFor(() => conflictItem(inbox), 'a conflict item');
    const resolvedItem = (inbox: (typeof inboxes)[number]) => [conflictItem(inbox)].find((item) => item?.resolvedAt !== undefined);
    return { a, b, first, second, inboxes, conflictItem, resolvedItem };
  }

  it('tells everyone whose value is in a form conflict', async () => {
    const { inboxes, conflictItem } = await makeConflict('acme:form:deal.7', 'Deal 7', ['ana', 'ben']);
    for (const inbox of inboxes) {
      expect(conflictItem(inbox)).toMatchObject({ doc: 'acme:form:deal.7', anchor: 'amount', text: 'Amount on Deal 7 has 2 competing values: review it' });
      expect(conflictItem(inbox)!.resolvedAt).toBeUndefined();
    }
  });

  it('marks the conflict item resolved, no longer unread, for everyone it was sent to once someone resolves the field', async () => {
    const { b, second, inboxes, resolvedItem } = await makeConflict('acme:form:deal.8', 'Deal 8', ['cy', 'dee']);
    expect(inboxes.map((inbox) => inboxUnreadCount(inbox.doc))).toEqual([1, 1]);
    resolveField(b.doc, 'amount', { choice: 'local', value: 200 }, second);
    await b.acknowledged();
    expect(b.refusals).toEqual([]);
    for (const inbox of inboxes) {
      const item = await waitFor(() => resolvedItem(inbox), 'the item to be marked resolved');
      expect(item).toMatchObject({ anchor: 'amount', text: 'Amount on Deal 8: conflict resolved by Dee' });
      expect(item.readAt).toBeUndefined();
      expect(inboxUnreadCount(inbox.doc)).toBe(0);
      expect(inboxItems(inbox.doc).length).toBe(1);
    }
  });

  it('marks the item resolved when a plain write leaves the field one value again, and leaves items of other forms alone', async () => {
    const other = await makeConflict('acme:form:deal.9', 'Deal 9', ['eve', 'fay']);
    const { a, first, inboxes, resolvedItem } = await makeConflict('acme:form:deal.10', 'Deal 10', ['eve', 'fay']);
    writeField(a.doc, 'amount', 150, first);
    await a.acknowledged();
    for (const inbox of inboxes) {
      const item = await waitFor(() => resolvedItem(inbox), 'the item to be marked resolved');
      expect(item.text).toBe('Amount on Deal 10: conflict resolved by Eve');
      expect(other.conflictItem(inbox)).toMatchObject({ text: 'Amount on Deal 9 has 2 competing values: review it' });
      expect(other.conflictItem(inbox)!.resolvedAt).toBeUndefined();
      expect(inboxUnreadCount(inbox.doc)).toBe(1);
    }
  });

  it('invites a user to a meeting through their inbox', async () => {
    const host = await open('acme:meeting:kickoff', 'ana', 'Ana');
    scheduleMeeting(host.doc, { title: 'Kickoff', scheduledAt: Date.now(), durationMin: 30, createdBy: 'ana' });
    inviteToMeeting(host.doc, 'cleo', 'Cleo', 'ana');
    await host.acknowledged();
    expect(host.refusals).toEqual([]);
    const inbox = await open('acme:inbox:cleo', 'cleo');
    const item = await waitFor(() => listInboxItems(inbox.doc).find((i) => i.kind === 'meeting'), 'the invitation');
    expect(item).toMatchObject({ text: 'Ana invited you to Kickoff', doc: 'acme:meeting:kickoff' });
    expect(inboxItems(inbox.doc).length).toBe(1);
  });

  it('keeps 1000 live messages and moves the oldest to the archive, dropping none', async () => {
    const chat = await open('acme:channel:busy', 'ana', 'Ana');
    for (let batch = 0; batch < 11; batch += 1) {
      chat.doc.transact(() => {
        for (let i = 0; i < 100; i += 1) postMessage(chat.doc, { id: `m${String(batch * 100 + i).padStart(4, '0')}`, text: `message ${batch * 100 + i}`, authorId: 'ana', authorName: 'Ana' });
      });
    }
    await chat.acknowledged();
    await waitFor(() => channelMessages(chat.doc).length === 1000, 'the live array to shrink to 1000', 15_000);
    expect(listMessages(chat.doc)[0]!.id).toBe('m0100');
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const page = async (query: string) =>
      ((await (await fetch(`${fixture.server.url}/api/docs/acme:channel:busy/archive${query}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { messages: Array<{ id: string; text: string }> }).messages;
    const newest = await page('?limit=60');
    expect(newest.map((m) => m.id)).toEqual(Array.from({ length: 60 }, (_, i) => `m${String(99 - i).padStart(4, '0')}`));
    const rest = await page(`?before=${newest.at(-1)!.id}&limit=100`);
    expect(rest.map((m) => m.id)).toEqual(Array.from({ length: 40 }, (_, i) => `m${String(39 - i).padStart(4, '0')}`));
    expect(rest.at(-1)).toMatchObject({ text: 'message 0', authorId: 'ana' });
    const bad = await fetch(`${fixture.server.url}/api/docs/acme:channel:busy/archive?limit=5000`, { headers: { Authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
  });

  it('moves messages posted one by one past the limit to the archive together, not one write each', async () => {
    const id = (n: number) => `m${String(n).padStart(4, '0')}`;
    const chat = await open('acme:channel:steady', 'ana', 'Ana');
    chat.doc.transact(() => {
      for (let n = 0; n < 1000; n += 1) postMessage(chat.doc, { id: id(n), text: `message ${n}`, authorId: 'ana', authorName: 'Ana' });
    });
    await chat.acknowledged();
    let removals = 0;
    channelMessages(chat.doc).observe((event) => {
      if (event.changes.deleted.size > 0) removals += 1;
    });
    for (let n = 1000; n < 1010; n += 1) {
      postMessage(chat.doc, { id: id(n), text: `message ${n}`, authorId: 'ana', authorName: 'Ana' });
      await chat.acknowledged();
    }
    await waitFor(() => channelMessages(chat.doc).length === 1000, 'the live array to shrink to 1000');
    expect(listMessages(chat.doc)[0]!.id).toBe(id(10));
    // One pass, or two if the posts took longer than the archive's gathering window.
    expect(removals).toBeLessThanOrEqual(2);
  });
});
