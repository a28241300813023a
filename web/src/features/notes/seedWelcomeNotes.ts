import { appendParagraph, notesPlainText, setNotesTitle } from '@concord/shared';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';
import { whenSynced } from '../../collab/whenSynced.ts';

const WELCOME = [
  'This page is shared with everyone in your organisation: type anywhere and others see it as you write, with your name on your caret.',
  'Chat in channels, run meetings with an agenda and shared notes, and keep records together: if two people change the same field at once, nothing is lost and you choose what to keep.',
  'Everything you have opened once keeps working without a connection, and catches up when you are back online.',
];

/** The first page a new org sees, written once its document has synced and turned out empty. */
export function seedWelcomeNotes(registry: DocumentRegistry, name: string, title: string): void {
  whenSynced(registry, name, (doc) => {
    if (notesPlainText(doc).trim() !== '') return;
    doc.transact(() => {
      setNotesTitle(doc, title);
      for (const line of WELCOME) appendParagraph(doc, line);
    });
  });
}
