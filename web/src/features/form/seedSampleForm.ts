import { defineForm, readFormSchema, writeField, type Author } from '@concord/shared';
import type { DocumentRegistry } from '../../collab/documentRegistry.ts';
import { FORM_TEMPLATES } from './formTemplates.ts';

/**
 * Defines the sample deal once its document has synced and turned out empty. Waiting for the server
 * matters: defining a schema creates each field's Map, and a second definition made concurrently
 * would replace the first one's Maps (with any writes in them).
 */
export function seedSampleForm(registry: DocumentRegistry, name: string, title: string, author: Author): void {
  registry.acquire(name);
  const attempt = () => {
    const form = registry.get(name);
    if (!form?.synced) return;
    unsubscribe();
    if (readFormSchema(form.doc).length === 0) {
      form.doc.transact(() => {
        defineForm(form.doc, { title, entityType: 'deal', entityId: '1', schema: FORM_TEMPLATES.deal?.schema ?? [] });
        writeField(form.doc, 'company', 'Northwind Traders', author);
        writeField(form.doc, 'amount', 42000, author);
        writeField(form.doc, 'stage', 'proposal', author);
      });
    }
    registry.release(name);
  };
  const unsubscribe = registry.subscribe(attempt);
  attempt();
}
