import { HEARTBEAT_PING, HEARTBEAT_PONG, readNotesTitle, setNotesTitle } from '@concord/shared';
import { describe, expect, it } from 'vitest';
import type { TestClient } from './helpers/client.ts';
import { useServer } from './helpers/fixture.ts';
import { waitFor } from './helpers/wait.ts';

const DOC = 'acme:notes:heartbeat';

function statelessReceived(client: TestClient): string[] {
  const payloads: string[] = [];
  client.provider.on('stateless', ({ payload }: { payload: string }) => payloads.push(payload));
  return payloads;
}

describe('heartbeat', () => {
  const fixture = useServer();

  it('answers a ping with a pong to the asker alone', async () => {
    const ana = await fixture.synced(DOC, { sub: 'ana' });
    const bo = await fixture.synced(DOC, { sub: 'bo' });
    const toAna = statelessReceived(ana);
    const toBo = statelessReceived(bo);

    ana.provider.sendStateless(HEARTBEAT_PING);
    await waitFor(() => toAna.length > 0, 'the pong');
    expect(toAna).toEqual([HEARTBEAT_PONG]);

    // Bo's own ping is answered after anything the server would have sent him for Ana's.
    bo.provider.sendStateless(HEARTBEAT_PING);
    await waitFor(() => toBo.length > 0, "Bo's pong");
    expect(toBo).toEqual([HEARTBEAT_PONG]);
  });

  it('answers a viewer too, who also needs to know when the link is dead', async () => {
    const vic = await fixture.synced(DOC, { sub: 'vic', role: 'viewer' });
    const toVic = statelessReceived(vic);
    vic.provider.sendStateless(HEARTBEAT_PING);
    await waitFor(() => toVic.length > 0, 'the pong');
    expect(toVic).toEqual([HEARTBEAT_PONG]);
  });

  it('leaves other stateless payloads unanswered and the connection usable', async () => {
    const ana = await fixture.synced(DOC, { sub: 'ana' });
    const bo = await fixture.synced(DOC, { sub: 'bo' });
    const toAna = statelessReceived(ana);
    for (const payload of ['ping', '{"type":"ping" }', '{"type":"pong"}', '', 'x'.repeat(10_000)]) ana.provider.sendStateless(payload);
    ana.provider.sendStateless(HEARTBEAT_PING);
    await waitFor(() => toAna.length > 0, 'the pong');
    expect(toAna).toEqual([HEARTBEAT_PONG]);

    setNotesTitle(ana.doc, 'Still connected');
    await waitFor(() => readNotesTitle(bo.doc) === 'Still connected', 'the edit to arrive');
    expect(ana.refusals).toEqual([]);
  });
});
