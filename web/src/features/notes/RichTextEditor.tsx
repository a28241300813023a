import type { HocuspocusProvider } from '@hocuspocus/provider';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { canWrite, userColor } from '@concord/shared';
import type * as Y from 'yjs';
import { useCollab } from '../../collab/CollabContext.ts';
import { FormattingToolbar } from './FormattingToolbar.tsx';
import { richTextSchema } from './richTextSchema.ts';

/**
 * Rich text bound to a Y.XmlFragment, with everyone's carets and, for those who may write, a
 * formatting toolbar. The editor is rebuilt when the fragment changes (another document, or the
 * same one reloaded from the server after a refusal).
 */
export function RichTextEditor({ fragment, provider, label, placeholder }: { fragment: Y.XmlFragment; provider: HocuspocusProvider; label: string; placeholder?: string }) {
  const { session } = useCollab();
  const editable = canWrite(session.user.role);
  const editor = useEditor(
    {
      extensions: [
        richTextSchema(),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({
          provider,
          user: { id: session.user.id, name: session.user.name, color: userColor(session.user.id) },
        }),
      ],
      editable,
      editorProps: {
        attributes: { 'aria-label': label, role: 'textbox', 'aria-multiline': 'true', class: 'rich-text', ...(placeholder ? { 'data-placeholder': placeholder } : {}) },
      },
    },
    [fragment, provider, editable],
  );
  return (
    <>
      {editable && editor && <FormattingToolbar editor={editor} />}
      <EditorContent editor={editor} className="rich-text-frame" />
    </>
  );
}
