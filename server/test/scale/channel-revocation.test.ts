/**
 * Losing access ends access on every instance: a member removed from a private channel on one
 * instance is disconnected with `forbidden` on another, even though that other instance does not
 * have the workspace directory open (it only read it to admit the member).
 */
import { addChannel, channelMessages, postMessage, setChannelMember } from '@concord/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../helpers/child-server.ts';
import { connect, type TestClient } from '../helpers/client.ts';
import { useSharedBackends } from '../helpers/shared-backends.ts';
import { signToken } from '../helpers/tokens.ts';
import { waitFor } from '../helpers/wait.ts';

function messageTexts(client: TestClient): string[] {
  return channelMessages(client.doc).toArray().map((message) => String(message.get('text')));
}

describe('a member removed on another instance', () => {
  const backends = useSharedBackends();
  let one: ChildServer;
  let two: ChildServer;

  const open = async (server: ChildServer, name: string, sub: string, role: 'editor' | 'admin' = 'editor') => {
    const client = connect(server.wsUrl, name, await signToken({ sub, org: 'acme', role }));
    backends.track(client);
    return client;
  };

  beforeAll(async () => {
    [one, two] = await Promise.all([backends.start(), backends.start()]);
  });

  it('is disconnected with forbidden there and receives nothing posted afterwards', async () => {
    // The directory is only ever open on instance two.
    const admin = await open(two, 'acme:workspace:main', 'ana', 'admin');
    await admin.synced();
    addChannel(admin.doc, { id: 'board', name: 'Board', visibility: 'private', createdBy: 'ana', members: ['ana', 'ben', 'cy'] });
    await admin.acknowledged();

    const ben = await open(one, 'acme:channel:board', 'ben');
    const cy = await open(one, 'acme:channel:board', 'cy');
    const ana = await open(two, 'acme:channel:board', 'ana');
    await Promise.all([ben.synced(), cy.synced(), ana.synced()]);
    postMessage(ana.doc, { text: 'before', authorId: 'ana', authorName: 'ana' });
    await waitFor(() => messageTexts(ben).includes('before'), 'ben to receive the message posted before');

    setChannelMember(admin.doc, 'board', 'ben', false);
    await admin.acknowledged();
    // Posted as soon as the removal is acknowledged, without waiting for ben to notice.
    postMessage(ana.doc, { text: 'after', authorId: 'ana', authorName: 'ana' });
    await waitFor(() => messageTexts(cy).includes('after'), 'cy, on the same instance as ben, to receive the message posted after');
    expect(messageTexts(ben)).not.toContain('after');
    expect(await waitFor(() => ben.refusals[0], 'ben to be disconnected on instance one')).toMatch(/^forbidden: this private channel is open to its members only/);
    expect(cy.refusals).toEqual([]);
    expect(ana.refusals).toEqual([]);
  }, 60_000);

  it('is disconnected once Redis is back when the removal happened during an outage', async () => {
    const admin = await open(two, 'acme:workspace:main', 'ana', 'admin');
    await admin.synced();
    addChannel(admin.doc, { id: 'ops', name: 'Ops', visibility: 'private', createdBy: 'ana', members: ['ana', 'dan'] });
    await admin.acknowledged();
    const dan = await open(one, 'acme:channel:ops', 'dan');
    await dan.synced();

    await backends.redis().stop();
    setChannelMember(admin.doc, 'ops', 'dan', false);
    await admin.acknowledged();
    await backends.redis().start();
    expect(await waitFor(() => dan.refusals[0], 'dan to be disconnected after the outage', 20_000)).toMatch(/^forbidden/);
  }, 60_000);
});
