/**
 * Issue 14, "changing a type never loses a value already written" (docs/PROTOCOL.md, "Business
 * fields"): a field added to a form after it was defined keeps its writes in the root Map
 * `field:<name>` and its free text in the root Text `text:<name>`, so two people following the type
 * at once write into the same place and both values survive; the guard holds those roots to the
 * same rules as nested writes, and forms defined the old way keep working.
 */
import {
  defineForm, fieldRootName, listInboxItems, fieldText, formFields, formMeta, formTexts, readField, readFormSchema, readRecord, schemaForType,
  setFormSchema, validateForm, viewDocument, writeField, type FieldDefinition,
} from '@concord/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyStored } from '../../src/storage/merge.ts';
import type { TestClient } from '../helpers/client.ts';
import { useServer } from '../helpers/fixture.ts';
import { waitFor } from '../helpers/wait.ts';
import { search, tokenFor } from '../search/fixtures.ts';

const fixture = useServer();

const client = (name: string, sub: string, doc?: Y.Doc): Promise<TestClient> => fixture.synced(name, { sub, name: sub.toUpperCase(), role: 'editor' }, doc);

const live = (name: string): Y.Doc => fixture.server.server.hocuspocus.documents.get(name)!;
const view = (doc: Y.Doc): string => JSON.stringify(viewDocument('form', doc));

async function stored(name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  applyStored(doc, await fixture.server.server.storage.load(name));
  return doc;
}

/** `attempt` on a fresh connection is refused with `code`; the live and stored documents and an observer never see it. */
async function expectRefused(name: string, sub: string, attempt: (doc: Y.Doc) => void, code = 'invalid-update'): Promise<void> {
  const observer = await client(name, 'obi');
  const before = view(live(name));
  const attacker = await client(name, sub);
  attempt(attacker.doc);
  const reason = await waitFor(() => attacker.refusals.find((r) => r.includes(':')), 'the refusal');
  expect(reason.split(':')[0]).toBe(code);
  expect(live(name).store.clients.has(attacker.doc.clientID)).toBe(false);
  expect(observer.doc.store.clients.has(attacker.doc.clientID)).toBe(false);
  expect(view(live(name))).toBe(before);
  expect(view(await stored(name))).toBe(before);
}

const company: FieldDefinition = { name: 'company', label: 'Company', type: 'string' };
const stage: FieldDefinition = { name: 'stage', label: 'Stage', type: 'enum', options: ['lead', 'won'] };
const notes: FieldDefinition = { name: 'notes', label: 'Notes', type: 'text' };

/** A form defined with `company` only, as its creator made it. */
async function definedForm(name: string): Promise<void> {
  const owner = await client(name, 'ana');
  defineForm(owner.doc, { title: name, entityType: 'deal', entityId: name.split('.')[1]!, schema: [company] });
  writeField(owner.doc, 'company', 'Acme', { id: 'ana', name: 'ANA' });
  await owner.acknowledged();
  expect(owner.refusals).toEqual([]);
}

/** A replica holding what the server holds, not yet connected: what it writes, it writes before syncing. */
function offlineCopy(name: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(live(name)));
  return doc;
}

const write = (name: string, value: string, by: string) => (doc: Y.Doc) =>
  doc.getMap(fieldRootName(name)).set(`w${Math.random().toString(36).slice(2, 10)}`, { value, by, byName: by.toUpperCase(), at: Date.now(), supersedes: [] });

describe('a field added after the form was defined', () => {
  it('keeps both values when two people follow the type and write the new field before syncing', async () => {
    const FORM = 'acme:form:deal.both';
    await definedForm(FORM);
    const docs = [offlineCopy(FORM), offlineCopy(FORM)] as const;
    docs.forEach((doc, i) => {
      setFormSchema(doc, schemaForType(readFormSchema(doc), [company, stage]));
      writeField(doc, 'stage', i === 0 ? 'lead' : 'won', { id: i === 0 ? 'ana' : 'bob', name: '' });
    });
    const [ana, bob] = [await client(FORM, 'ana', docs[0]), await client(FORM, 'bob', docs[1])];
    await Promise.all([ana.acknowledged(), bob.acknowledged()]);
    for (const doc of [live(FORM), ana.doc, bob.doc]) {
      await waitFor(() => readField(doc, 'stage').candidates.length === 2, 'both writes to arrive');
    }
    for (const doc of [live(FORM), ana.doc, bob.doc, await stored(FORM)]) {
      const state = readField(doc, 'stage');
      expect(state.conflict).toBe(true);
      expect(state.candidates.map((c) => c.value).sort()).toEqual(['lead', 'won']);
      expect(readField(doc, 'company').value).toBe('Acme');
      expect(validateForm(doc)).toEqual([]);
      expect(readRecord(FORM, doc)!.row.conflicts).toEqual(['stage']);
    }
    expect([ana.refusals, bob.refusals]).toEqual([[], []]);
    // The server reads the root like a nested field: both writers are told, and the values are found.
    for (const who of ['ana', 'bob']) {
      const inbox = await client(`acme:inbox:${who}`, who);
      const item = await waitFor(() => listInboxItems(inbox.doc).find((i) => i.kind === 'conflict' && i.doc === FORM), `${who}'s conflict item`);
      expect(item).toMatchObject({ anchor: 'stage', text: `Stage on ${FORM} has 2 competing values: review it` });
    }
    // The index holds a field's shown value, the newest head.
    const shown = String(readField(live(FORM), 'stage').value);
    const hits = await waitFor(async () => {
      const results = (await search(fixture.server.url, await tokenFor('ana'), { q: shown, kind: 'form' })).body.results ?? [];
      return results.length > 0 ? results : null;
    }, 'the new field to be indexed');
    expect(hits).toEqual([expect.objectContaining({ doc: FORM, anchor: 'stage' })]);
  });

  it('merges both people’s free text in a text field added later', async () => {
    const FORM = 'acme:form:deal.text';
    await definedForm(FORM);
    const docs = [offlineCopy(FORM), offlineCopy(FORM)] as const;
    docs.forEach((doc, i) => {
      setFormSchema(doc, schemaForType(readFormSchema(doc), [company, notes]));
      fieldText(doc, 'notes')!.insert(0, i === 0 ? 'ana ' : 'bob ');
    });
    const [ana, bob] = [await client(FORM, 'ana', docs[0]), await client(FORM, 'bob', docs[1])];
    await Promise.all([ana.acknowledged(), bob.acknowledged()]);
    const value = (doc: Y.Doc) => String(readField(doc, 'notes').value);
    await waitFor(() => value(live(FORM)).length === 8, 'both texts to arrive');
    expect(value(live(FORM)).split(' ').sort()).toEqual(['', 'ana', 'bob']);
    expect(value(await stored(FORM))).toBe(value(live(FORM)));
  });

  it('keeps forms defined the old way: first fields nested, later ones in their own roots', async () => {
    const FORM = 'acme:form:deal.old';
    await definedForm(FORM);
    const owner = await client(FORM, 'ana');
    expect(formFields(owner.doc).has('company')).toBe(true);
    setFormSchema(owner.doc, schemaForType(readFormSchema(owner.doc), [company, stage, notes]));
    writeField(owner.doc, 'company', 'Acme Ltd', { id: 'ana', name: 'ANA' });
    writeField(owner.doc, 'stage', 'won', { id: 'ana', name: 'ANA' });
    fieldText(owner.doc, 'notes')!.insert(0, 'signed');
    await owner.acknowledged();
    expect(owner.refusals).toEqual([]);
    const doc = await stored(FORM);
    expect(formFields(doc).get('company')!.size).toBe(2);
    expect(formFields(doc).has('stage')).toBe(false);
    expect(formTexts(doc).has('notes')).toBe(false);
    expect([readField(doc, 'company').value, readField(doc, 'stage').value, readField(doc, 'notes').value]).toEqual(['Acme Ltd', 'won', 'signed']);
    expect(validateForm(doc)).toEqual([]);
  });

  it('refuses writes into a field root that the schema does not allow, applying and sending nothing', async () => {
    const FORM = 'acme:form:deal.bad';
    await definedForm(FORM);
    const owner = await client(FORM, 'ana');
    setFormSchema(owner.doc, schemaForType(readFormSchema(owner.doc), [company, stage, notes]));
    await owner.acknowledged();
    await expectRefused(FORM, 'ana', write('nope', 'lead', 'ana'));
    await expectRefused(FORM, 'ana', write('notes', 'lead', 'ana'));
    await expectRefused(FORM, 'ana', write('stage', 'lost', 'ana'));
    await expectRefused(FORM, 'ana', write('stage', 'lead', 'bob'), 'impersonation');
    await expectRefused(FORM, 'ana', (doc) => doc.getMap(fieldRootName('stage')).set('w1', { value: 'lead', by: 'ana' }));
    await expectRefused(FORM, 'ana', (doc) => doc.getMap(fieldRootName('stage')).set('w1', new Y.Map()));
    await expectRefused(FORM, 'ana', (doc) => doc.getText('text:stage').insert(0, 'x'));
    await expectRefused(FORM, 'ana', (doc) => doc.getMap('field:a b').set('w1', 1));
    await expectRefused(FORM, 'ana', (doc) => doc.getMap('field:*').set('w1', 1));
    // Following a type the old way, a nested Map per new field, is how values were lost: refused.
    await expectRefused(FORM, 'ana', (doc) => formFields(doc).set('stage', new Y.Map()));
    await expectRefused(FORM, 'ana', (doc) => formTexts(doc).set('notes', new Y.Text()));
    // A write superseding nothing pruned: only superseded writes may be deleted.
    const writer = await client(FORM, 'ana');
    const id = writeField(writer.doc, 'stage', 'lead', { id: 'ana', name: 'ANA' });
    await writer.acknowledged();
    await expectRefused(FORM, 'ana', (doc) => doc.getMap(fieldRootName('stage')).delete(id));
    expect(readField(live(FORM), 'stage').value).toBe('lead');
    expect(formMeta(live(FORM)).get('title')).toBe(FORM);
  });
});
