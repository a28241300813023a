import { canWrite, defineForm, readFormSchema } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { FORM_TEMPLATES } from './formTemplates.ts';

/** A record listed in the directory whose fields were never set up (or were refused): offer to. */
export function MissingFields({ form, formId, title }: { form: DocumentState; formId: string; title: string }) {
  const { session } = useCollab();
  const [entityType = '', entityId = ''] = formId.split('.');
  const template = FORM_TEMPLATES[entityType];
  return (
    <div className="empty">
      <p>This record has no fields yet.</p>
      {template && canWrite(session.user.role) && (
        <button
          type="button"
          className="button primary"
          onClick={() => readFormSchema(form.doc).length === 0 && defineForm(form.doc, { title, entityType, entityId, schema: template.schema })}
        >
          Add the {template.label.toLowerCase()} fields
        </button>
      )}
    </div>
  );
}
