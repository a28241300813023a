/**
 * What a first-time org gets, so the app is useful on the first visit: a `general` channel, a
 * sample deal record and a welcome page. Fixed ids make it idempotent: two people seeding at
 * once write the same keys and Yjs keeps one of each.
 */
import { addChannel, listChannels, listFormEntries, listNotesEntries, upsertFormEntry, upsertNotesEntry } from '@concord/shared';
import type * as Y from 'yjs';

export const SAMPLE_FORM_ID = 'deal.1';
export const WELCOME_NOTES_ID = 'welcome';
export const WELCOME_NOTES_TITLE = 'Welcome to Concord';

export const SAMPLE_FORM_TITLE = 'Northwind renewal';

export interface Seeded {
  /** The sample form's entry was added: the caller defines its document. */
  form: boolean;
  /** The welcome page's entry was added: the caller writes its text. */
  notes: boolean;
}

export function seedWorkspace(doc: Y.Doc, userId: string): Seeded {
  const seeded: Seeded = { form: false, notes: false };
  doc.transact(() => {
    if (listChannels(doc).length === 0) {
      addChannel(doc, { id: 'general', name: 'general', topic: 'Team-wide chat and announcements', visibility: 'public', createdBy: userId });
    }
    if (listFormEntries(doc).length === 0) {
      upsertFormEntry(doc, { id: SAMPLE_FORM_ID, title: SAMPLE_FORM_TITLE, entityType: 'deal', entityId: '1' });
      seeded.form = true;
    }
    if (listNotesEntries(doc).length === 0) {
      upsertNotesEntry(doc, { id: WELCOME_NOTES_ID, title: WELCOME_NOTES_TITLE });
      seeded.notes = true;
    }
  });
  return seeded;
}
