/**
 * Losing access ends access: a member removed from a private channel is disconnected with
 * `forbidden` at once, receives nothing posted afterwards and can write nothing more.
 */
import { addChannel, channelMessages, postMessage, setChannelMember } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import type { TestClient } from './helpers/client.ts';
import { useServer } from './helpers/fixture.ts';
import { waitFor } from './helpers/wait.ts';

function messageTexts(client: TestClient): string[] {
  return channelMessages(client.doc).toArray().map((message) => String(message.get('text')));
}

describe('a member removed from a private channel', () => {
  const fixture = useServer();

  it('is disconnected with forbidden, receives nothing new and writes nothing', async () => {
    const admin = await fixture.synced('acme:workspace:main', { sub: 'ana', role: 'admin' });
    addChannel(admin.doc, { id: 'board', name: 'Board', visibility: 'private', createdBy: 'ana', members: ['ana', 'ben', 'cy'] });
    await admin.acknowledged();
    const ana = await fixture.synced('acme:channel:board', { sub: 'ana' });
    const ben = await fixture.synced('acme:channel:board', { sub: 'ben' });
    const cy = await fixture.synced('acme:channel:board', { sub: 'cy' });
    postMessage(ana.doc, { text: 'before', authorId: 'ana', authorName: 'ana' });
    await waitFor(() => messageTexts(ben).includes('before'), 'ben to receive the message posted before');

    setChannelMember(admin.doc, 'board', 'ben', false);
    await admin.acknowledged();
    // Posted as soon as the removal is acknowledged, without waiting for ben to notice.
    postMessage(ana.doc, { text: 'after', authorId: 'ana', authorName: 'ana' });
    postMessage(ben.doc, { text: 'from ben after', authorId: 'ben', authorName: 'ben' });
    await ana.acknowledged();
    // cy is connected as ben was: once cy has the message, ben had every chance to get it.
    await waitFor(() => messageTexts(cy).includes('after'), 'cy to receive the message posted after');
    expect(messageTexts(ben)).not.toContain('after');
    expect(await waitFor(() => ben.refusals[0], 'ben to be disconnected')).toMatch(/^forbidden: this private channel is open to its members only/);
    const live = fixture.server.server.hocuspocus.documents.get('acme:channel:board')!;
    expect(JSON.stringify(live.toJSON())).not.toContain('from ben after');
    const stored = await fixture.server.server.storage.load('acme:channel:board');
    expect([stored.snapshot, ...stored.updates].filter(Boolean).map((u) => Buffer.from(u!).toString('latin1')).join('')).not.toContain('from ben after');
    expect(live.getConnections().map((c) => (c.context as { identity: { userId: string } }).identity.userId).sort()).toEqual(['ana', 'cy']);

    // Connecting again is refused as it would be for anyone who is not a member.
    const again = await fixture.client('acme:channel:board', { sub: 'ben' });
    expect(await waitFor(() => again.refusals[0], 'the refusal')).toMatch(/^forbidden/);
    expect(ana.refusals).toEqual([]);
    expect(cy.refusals).toEqual([]);
  });
});
