import { canWrite, followsType, getRecordType, readFormSchema, schemaForType, setFormSchema } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';

/**
 * Offers to bring this record's fields up to its type after an admin changed the type. The record
 * keeps its own schema until someone asks, so nobody's open form changes under them and the
 * server checks every write against the schema the record actually holds. Updating only adds fields
 * and hides the ones the type dropped: no value is lost.
 */
export function FollowType({ form, entityType, workspace }: { form: DocumentState; entityType: string; workspace: DocumentState }) {
  const { session } = useCollab();
  const type = useObserved(workspace.doc, (doc) => getRecordType(doc, entityType));
  const schema = useObserved(form.doc, readFormSchema);
  if (!type || schema.length === 0 || followsType(schema, type.fields) || !canWrite(session.user.role)) return null;
  return (
    <div className="callout callout-warning row" role="status" data-testid="follow-type">
      <span>The {type.label} fields changed since this record was made.</span>
      <button type="button" className="button" onClick={() => setFormSchema(form.doc, schemaForType(readFormSchema(form.doc), type.fields))}>
        Update to the latest fields
      </button>
    </div>
  );
}
