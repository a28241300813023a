import type { DocumentState } from '../../collab/documentRegistry.ts';

/** Says when a document cannot be shown, or is still on its way. */
export function DocumentStatus({ document }: { document: DocumentState }) {
  if (document.denied) {
    return (
      <p className="callout callout-error" role="alert">
        You cannot open this ({document.denied.code}: {document.denied.detail}).
      </p>
    );
  }
  if (!document.loaded && !document.synced) return <p className="muted small">Loading…</p>;
  return null;
}
