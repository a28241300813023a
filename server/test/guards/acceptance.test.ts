/** What the guards must let through: legitimate updates that look unusual. */
import { defineForm, fieldText, readField, writeField } from '@concord/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, type TestClient } from '../helpers/client.ts';
import { openRawClient } from '../helpers/raw-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signToken } from '../helpers/tokens.ts';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await server.close();
});

describe('updates the guards accept', () => {
  it('accepts a form defined with a free-text field and its first values in one update', async () => {
    const ana = connect(server.wsUrl, 'acme:form:deal.text', await signToken({ sub: 'ana', org: 'acme' }));
    clients.push(ana);
    await ana.synced();
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
    const live = server.server.hocuspocus.documents.get('acme:form:deal.text')!;
    expect(readField(live, 'amount').value).toBe(42);
    expect(fieldText(live, 'notes')!.toString()).toBe('call back on Monday');
  });

  it('accepts an update the server already has, as a reconnecting provider resends it', async () => {
    const token = await signToken({ sub: 'ana', org: 'acme' });
    const ana = connect(server.wsUrl, 'acme:form:deal.resend', token);
    clients.push(ana);
    await ana.synced();
    defineForm(ana.doc, { title: 'Resent', entityType: 'deal', entityId: 'resend', schema: [{ name: 'amount', label: 'Amount', type: 'number' }] });
    await ana.acknowledged();
    const before = Y.encodeStateVector(ana.doc);
    writeField(ana.doc, 'amount', 7, { id: 'ana', name: 'Ana' });
    const write = Y.encodeStateAsUpdate(ana.doc, before);
    await ana.acknowledged();

    const raw = await openRawClient(server.wsUrl);
    await raw.authenticate('acme:form:deal.resend', token);
    const outcome = raw.nextOutcome();
    raw.sendUpdate('acme:form:deal.resend', write);
    expect(await outcome).toEqual({ kind: 'ack', applied: true });
    raw.socket.terminate();
    expect(readField(server.server.hocuspocus.documents.get('acme:form:deal.resend')!, 'amount').value).toBe(7);
  });
});
