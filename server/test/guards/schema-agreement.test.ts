/**
 * The guard and the shared validators read one description per kind (shared/src/schema/): an
 * update the validator would report is refused, and what the guard accepts validates.
 */
import { addChannel, channelMessages, postMessage, validateDocument } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import { useServer } from '../helpers/fixture.ts';
import { waitFor } from '../helpers/wait.ts';

const fixture = useServer();

function live(name: string) {
  return fixture.server.server.hocuspocus.documents.get(name)!;
}

describe('the guard and the validators agree', () => {
  it('refuses an attachment whose size is not a finite number, which the validator reports', async () => {
    await fixture.synced('acme:channel:sizes', { sub: 'obi' }); // keeps the document loaded after ana's refusal
    const ana = await fixture.synced('acme:channel:sizes', { sub: 'ana' });
    postMessage(ana.doc, { id: 'm1', text: 'fine', authorId: 'ana', authorName: 'Ana', attachments: [{ id: 'f1', name: 'a.png', url: '/f/a.png', type: 'image/png', size: 10 }] });
    await ana.acknowledged();
    channelMessages(ana.doc).get(0).set('attachments', [{ id: 'f1', name: 'a.png', url: '/f/a.png', type: 'image/png', size: Infinity }]);
    const refusal = await waitFor(() => ana.refusals.find((reason) => reason.includes(':')), 'the refusal');
    expect(refusal).toMatch(/^invalid-update: messages\/#\/attachments: /);
    expect(validateDocument('channel', live('acme:channel:sizes'))).toEqual([]);
  });

  it('accepts a channel name of the shared maximum and refuses a longer one', async () => {
    const name = 'acme:workspace:main';
    await fixture.synced(name, { sub: 'obi' });
    const ana = await fixture.synced(name, { sub: 'ana' });
    addChannel(ana.doc, { id: 'long', name: 'x'.repeat(100), visibility: 'public', createdBy: 'ana' });
    await ana.acknowledged();
    expect(ana.refusals).toEqual([]);
    addChannel(ana.doc, { id: 'longer', name: 'x'.repeat(101), visibility: 'public', createdBy: 'ana' });
    const refusal = await waitFor(() => ana.refusals.find((reason) => reason.includes(':')), 'the refusal');
    expect(refusal).toMatch(/^invalid-update: channels\/longer\/name: /);
    expect(validateDocument('workspace', live(name))).toEqual([]);
  });
});
