import { fieldsInConflict, formatDocName, listFormEntries, readFormMeta, shownFields } from '@concord/shared';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useDocument } from '../../collab/useDocument.ts';
import { useObserved } from '../../collab/useObserved.ts';
import { PresenceAvatars } from '../presence/PresenceAvatars.tsx';
import { DocumentStatus } from '../workspace/DocumentStatus.tsx';
import { BackLinks } from './BackLinks.tsx';
import { EarlierFields } from './EarlierFields.tsx';
import { FollowType } from './FollowType.tsx';
import { FormField } from './FormField.tsx';
import { MissingFields } from './MissingFields.tsx';

export function FormScreen({ formId, workspace }: { formId: string; workspace: DocumentState }) {
  const { session } = useCollab();
  const form = useDocument(formatDocName({ org: session.user.org, kind: 'form', id: formId }));
  const meta = useObserved(form.doc, readFormMeta);
  const conflicts = useObserved(form.doc, fieldsInConflict);
  const entryTitle = useObserved(workspace.doc, (doc) => listFormEntries(doc).find((entry) => entry.id === formId)?.title);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <div>
          <h1 id="screen-title">{meta.title || entryTitle || formId}</h1>
          <p className="muted">
            {meta.entityType || 'record'} #{meta.entityId || formId}
            {conflicts.length > 0 && (
              <span className="tag tag-warning">
                {conflicts.length} {conflicts.length === 1 ? 'field needs' : 'fields need'} review
              </span>
            )}
          </p>
        </div>
        <PresenceAvatars document={form} label="People on this record" />
      </header>
      <DocumentStatus document={form} />
      {meta.schema.length === 0 && form.synced && <MissingFields form={form} formId={formId} title={entryTitle ?? formId} workspace={workspace} />}
      <FollowType form={form} entityType={meta.entityType} workspace={workspace} />
      <form className="card record-form" onSubmit={(event) => event.preventDefault()} aria-label={meta.title || formId}>
        {shownFields(meta.schema).map((definition) => (
          <FormField key={definition.name} form={form} definition={definition} workspace={workspace} />
        ))}
      </form>
      <EarlierFields form={form} hidden={meta.schema.filter((definition) => definition.hidden)} />
      <BackLinks formId={formId} workspace={workspace} />
    </section>
  );
}
