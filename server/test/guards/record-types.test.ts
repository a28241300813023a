/**
 * Record types as data and the link and file field types (docs/PROTOCOL.md, "Record types"): only
 * admins write types; a bad definition, a dropped or retyped field and malformed link or file values
 * are refused with their code and nothing of them is applied, stored or broadcast; values written
 * before a type changed stay readable.
 */
import {
  defineForm, formFields, formMeta, getRecordType, readField, readFormSchema, schemaForType, setRecordType, viewDocument, workspaceRecordTypes, writeField,
  type DocKind, type FieldDefinition,
} from '@concord/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyStored } from '../../src/storage/merge.ts';
import type { TestClient } from '../helpers/client.ts';
import { useServer } from '../helpers/fixture.ts';
import { waitFor } from '../helpers/wait.ts';
import { search, tokenFor } from '../search/fixtures.ts';

const fixture = useServer();

const client = (name: string, sub: string, role: 'editor' | 'admin' = 'editor'): Promise<TestClient> => fixture.synced(name, { sub, name: sub.toUpperCase(), role });

const kindOf = (name: string): DocKind => name.split(':')[1] as DocKind;
const live = (name: string): Y.Doc => fixture.server.server.hocuspocus.documents.get(name)!;

async function storedView(name: string): Promise<string> {
  const doc = new Y.Doc();
  applyStored(doc, await fixture.server.server.storage.load(name));
  return JSON.stringify(viewDocument(kindOf(name), doc)) + JSON.stringify(workspaceRecordTypes(doc).toJSON());
}

const view = (name: string, doc: Y.Doc): string => JSON.stringify(viewDocument(kindOf(name), doc)) + JSON.stringify(workspaceRecordTypes(doc).toJSON());

/** `attempt` on a fresh connection is refused with `code`; the live and stored documents and an observer never see it. */
async function expectRefused(name: string, sub: string, role: 'editor' | 'admin', attempt: (doc: Y.Doc) => void, code = 'invalid-update'): Promise<void> {
  const observer = await client(name, 'obi');
  const before = view(name, live(name));
  const attacker = await client(name, sub, role);
  attempt(attacker.doc);
  const reason = await waitFor(() => attacker.refusals.find((r) => r.includes(':')), 'the refusal');
  expect(reason.split(':')[0]).toBe(code);
  expect(live(name).store.clients.has(attacker.doc.clientID)).toBe(false);
  expect(observer.doc.store.clients.has(attacker.doc.clientID)).toBe(false);
  expect(view(name, live(name))).toBe(before);
  expect(await storedView(name)).toBe(before);
}

const contactLink: FieldDefinition = { name: 'contact', label: 'Contact', type: 'link', target: 'contact' };
const contract: FieldDefinition = { name: 'contract', label: 'Contract', type: 'file' };
const WS = 'acme:workspace:main';

describe('record types', () => {
  it('lets an admin extend a type; every member sees it', async () => {
    const admin = await client(WS, 'ada', 'admin');
    const editor = await client(WS, 'eve');
    const deal = getRecordType(admin.doc, 'deal')!;
    setRecordType(admin.doc, { ...deal, fields: [...deal.fields, contactLink, contract] });
    setRecordType(admin.doc, { id: 'company', label: 'Company', fields: [{ name: 'name', label: 'Name', type: 'string', required: true }] });
    await admin.acknowledged();
    await waitFor(() => getRecordType(editor.doc, 'company'), 'the editor to see the new type');
    expect(getRecordType(editor.doc, 'deal')!.fields.map((f) => f.name)).toEqual([...deal.fields.map((f) => f.name), 'contact', 'contract']);
    expect(getRecordType(live(WS), 'deal')).toEqual(getRecordType(admin.doc, 'deal'));
  });

  it('refuses an editor writing a type', () =>
    expectRefused(WS, 'eve', 'editor', (doc) => workspaceRecordTypes(doc).set('ticket', { label: 'Ticket', fields: [] })));

  it('refuses bad definitions from an admin', async () => {
    const bad: unknown[] = [
      { label: 'Ticket', fields: [{ name: 'c', label: 'C', type: 'link' }] }, // a link without a target
      { label: 'Ticket', fields: [{ name: 'has space', label: 'X', type: 'string' }] },
      { label: 'Ticket', fields: [{ name: 's', label: 'S', type: 'enum' }] },
      { label: 'Ticket', fields: [{ name: 's', label: 'S', type: 'colour' }] },
      { label: '', fields: [] },
      { label: 'Ticket', fields: [], extra: true },
      'Ticket',
    ];
    for (const value of bad) await expectRefused(WS, 'ada', 'admin', (doc) => workspaceRecordTypes(doc).set('ticket', value));
    await expectRefused(WS, 'ada', 'admin', (doc) => workspaceRecordTypes(doc).set('bad.id', { label: 'X', fields: [] }));
  });

  it('refuses dropping or retyping a field, and removing a type, even a default one never stored', async () => {
    const deal = (doc: Y.Doc) => getRecordType(doc, 'deal')!;
    await expectRefused(WS, 'ada', 'admin', (doc) => workspaceRecordTypes(doc).set('deal', { label: 'Deal', fields: deal(doc).fields.slice(1) }));
    await expectRefused(WS, 'ada', 'admin', (doc) =>
      workspaceRecordTypes(doc).set('deal', { label: 'Deal', fields: deal(doc).fields.map((f) => (f.name === 'amount' ? { ...f, type: 'string' } : f)) }));
    await expectRefused(WS, 'ada', 'admin', (doc) =>
      workspaceRecordTypes(doc).set('deal', { label: 'Deal', fields: deal(doc).fields.map((f) => (f.name === 'contact' ? { ...f, target: 'company' } : f)) }));
    await expectRefused(WS, 'ada', 'admin', (doc) => workspaceRecordTypes(doc).delete('deal'));
    // contact was never stored: its default fields are the ones in force
    await expectRefused(WS, 'ada', 'admin', (doc) => workspaceRecordTypes(doc).set('contact', { label: 'Contact', fields: [] }));
  });
});

describe('link and file fields', () => {
  const FORM = 'acme:form:deal.7';
  const schema: FieldDefinition[] = [{ name: 'company', label: 'Company', type: 'string' }, { name: 'old', label: 'Old', type: 'string' }, contactLink, contract];
  const ana = { id: 'ana', name: 'ANA' };

  it('accepts a link to a record of the target type and a file id', async () => {
    const owner = await client(FORM, 'ana');
    defineForm(owner.doc, { title: 'Deal 7', entityType: 'deal', entityId: '7', schema });
    writeField(owner.doc, 'old', 'kept', ana);
    writeField(owner.doc, 'contact', 'contact.3', ana);
    writeField(owner.doc, 'contract', 'AbC_12-xyzxyzxyzxyzxyzx', ana);
    await owner.acknowledged();
    expect(readField(live(FORM), 'contact').value).toBe('contact.3');
    expect(readField(live(FORM), 'contract').value).toBe('AbC_12-xyzxyzxyzxyzxyzx');
  });

  it('makes a link findable by the id of the record it refers to, the way the web app finds back-links', async () => {
    const token = await tokenFor('ana');
    const hits = await waitFor(async () => {
      const results = (await search(fixture.server.url, token, { q: 'contact.3', kind: 'form' })).body.results ?? [];
      return results.length > 0 ? results : null;
    }, 'the link to be indexed');
    expect(hits).toEqual([expect.objectContaining({ doc: FORM, anchor: 'contact', snippet: 'contact.3' })]);
    // The web app asks with the type last (the last word matches as a prefix): the same hit.
    expect((await search(fixture.server.url, token, { q: '3 contact', kind: 'form' })).body.results).toEqual(hits);
  });

  it('accepts a record made in one step from a type with every field type, free text included', async () => {
    const owner = await client('acme:form:ticket.1', 'ana');
    const every: FieldDefinition[] = [
      { name: 's', label: 'S', type: 'string' }, { name: 'n', label: 'N', type: 'number' }, { name: 'b', label: 'B', type: 'boolean' },
      { name: 'd', label: 'D', type: 'date' }, { name: 'e', label: 'E', type: 'enum', options: ['x'] }, { name: 't', label: 'T', type: 'text' }, contactLink, contract,
    ];
    defineForm(owner.doc, { title: 'Ticket 1', entityType: 'ticket', entityId: '1', schema: every });
    await owner.acknowledged();
    expect(owner.refusals).toEqual([]);
    expect(readFormSchema(live('acme:form:ticket.1'))).toEqual(every);
  });

  it('refuses malformed link and file values', async () => {
    const raw = (field: string, value: unknown) => (doc: Y.Doc) =>
      formFields(doc).get(field)!.set(`w${Math.random().toString(36).slice(2, 10)}`, { value, by: 'ana', byName: 'ANA', at: Date.now(), supersedes: [] });
    for (const value of ['deal.3', 'contact', 'contact.3 contact.4', 3]) await expectRefused(FORM, 'ana', 'editor', raw('contact', value));
    for (const value of ['/api/files/x', 'has space', '', true]) await expectRefused(FORM, 'ana', 'editor', raw('contract', value));
  });

  it('keeps values across type changes: a form follows its type by hiding, never dropping or retyping', async () => {
    const owner = await client(FORM, 'ana');
    // The type no longer has `old`; the form hides it and keeps its write.
    const next = schemaForType(readFormSchema(owner.doc), [{ name: 'company', label: 'Firm', type: 'string' }, contactLink, contract, { name: 'stage', label: 'Stage', type: 'enum', options: ['a', 'b'] }]);
    formMeta(owner.doc).set('schema', next);
    await owner.acknowledged();
    expect(readFormSchema(live(FORM)).find((f) => f.name === 'old')).toEqual({ name: 'old', label: 'Old', type: 'string', hidden: true });
    expect(readField(live(FORM), 'old').value).toBe('kept');
    expect(readField(live(FORM), 'contact').value).toBe('contact.3');
    await expectRefused(FORM, 'ana', 'editor', (doc) => formMeta(doc).set('schema', readFormSchema(doc).filter((f) => f.name !== 'old')));
    await expectRefused(FORM, 'ana', 'editor', (doc) => formMeta(doc).set('schema', readFormSchema(doc).map((f) => (f.name === 'old' ? { ...f, type: 'number' } : f))));
    await expectRefused(FORM, 'ana', 'editor', (doc) => formMeta(doc).delete('schema'));
  });
});
