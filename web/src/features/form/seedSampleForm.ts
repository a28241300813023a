import { DEFAULT_RECORD_TYPES, defineForm, readFormSchema, writeField, type Author } from '@concord/shared';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';
import { whenSynced } from '../../collab/whenSynced.ts';

/**
 * Defines the sample deal once its document has synced and turned out empty. Waiting for the server
 * matters: defining a schema creates each field's Map, and a second definition made concurrently
 * would replace the first one's Maps (with any writes in them). The values go in separate
 * transactions, so the server has the schema before it checks them.
 */
export function seedSampleForm(registry: DocumentRegistry, name: string, title: string, author: Author): void {
  whenSynced(registry, name, (doc) => {
    if (readFormSchema(doc).length > 0) return;
    defineForm(doc, { title, entityType: 'deal', entityId: '1', schema: DEFAULT_RECORD_TYPES.deal?.fields ?? [] });
    writeField(doc, 'company', 'Northwind Traders', author);
    writeField(doc, 'amount', 42000, author);
    writeField(doc, 'stage', 'proposal', author);
  });
}
