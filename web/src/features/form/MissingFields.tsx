import { canWrite, defineForm, getRecordType, readFormSchema } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';

/** A record listed in the directory whose fields were never set up (or were refused): offer to. */
export function MissingFields({ form, formId, title, workspace }: { form: DocumentState; formId: string; title: string; workspace: DocumentState }) {
  const { session } = useCollab();
  const [entityType = '', entityId = ''] = formId.split('.');
  const template = useObserved(workspace.doc, (doc) => getRecordType(doc, entityType));
  return (
    <div className="empty">
      <p>This record has no fields yet.</p>
      {template && canWrite(session.user.role) && (
        <button
          type="button"
          className="button primary"
          onClick={() => readFormSchema(form.doc).length === 0 && defineForm(form.doc, { title, entityType, entityId, schema: template.fields })}
        >
          Add the {template.label.toLowerCase()} fields
        </button>
      )}
    </div>
  );
}
