import { notesContent } from '@concord/shared';
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useMemo } from 'react';
import * as Y from 'yjs';
import { richTextSchema } from './richTextSchema.ts';

/**
 * A saved version of a page, read-only, drawn by the page's own editor schema from the version's
 * Yjs state, so it looks exactly as it did (headings, bold, links…). Its document is private to
 * this view: nothing here is sent anywhere.
 */
export function VersionContent({ update, label }: { update: Uint8Array; label: string }) {
  const doc = useMemo(() => {
    const built = new Y.Doc();
    Y.applyUpdate(built, update);
    return built;
  }, [update]);
  useEffect(() => () => doc.destroy(), [doc]);
  const fragment = notesContent(doc);
  const empty = fragment.length === 0;
  const editor = useEditor(
    {
      extensions: [richTextSchema(), Collaboration.configure({ fragment })],
      editable: false,
      editorProps: { attributes: { role: 'document', 'aria-label': label, class: 'rich-text read-only' } },
    },
    [fragment, label],
  );
  return empty ? <p className="muted">This version is empty.</p> : <EditorContent editor={editor} />;
}
