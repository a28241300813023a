import { useEditorState, type Editor } from '@tiptap/react';
import { useState } from 'react';
import { LinkDialog } from './LinkDialog.tsx';

interface Action {
  label: string;
  /** What the button shows; `label` is its accessible name. */
  glyph: string;
  /** The editor's own shortcut for the same command (StarterKit's defaults), for the tooltip. */
  keys: string;
  isActive(editor: Editor): boolean;
  run(editor: Editor): void;
}

const ACTIONS: readonly Action[] = [
  { label: 'Heading 1', glyph: 'H1', keys: 'Ctrl+Alt+1', isActive: (e) => e.isActive('heading', { level: 1 }), run: (e) => e.chain().focus().toggleHeading({ level: 1 }).run() },
  { label: 'Heading 2', glyph: 'H2', keys: 'Ctrl+Alt+2', isActive: (e) => e.isActive('heading', { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { label: 'Bold', glyph: 'B', keys: 'Ctrl+B', isActive: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { label: 'Italic', glyph: 'I', keys: 'Ctrl+I', isActive: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { label: 'Code', glyph: '</>', keys: 'Ctrl+E', isActive: (e) => e.isActive('code'), run: (e) => e.chain().focus().toggleCode().run() },
  { label: 'Bullet list', glyph: '•', keys: 'Ctrl+Shift+8', isActive: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
  { label: 'Numbered list', glyph: '1.', keys: 'Ctrl+Shift+7', isActive: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
  { label: 'Code block', glyph: '{ }', keys: 'Ctrl+Alt+C', isActive: (e) => e.isActive('codeBlock'), run: (e) => e.chain().focus().toggleCodeBlock().run() },
];

/**
 * Formatting for a rich-text editor: one button per command, each a Tab stop with its state in
 * `aria-pressed`; Link asks for the address in a small dialog. Only shown to people who may write.
 */
export function FormattingToolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({ editor, selector: ({ editor: e }) => ({ actions: ACTIONS.map((a) => a.isActive(e)), link: e.isActive('link') }) });
  const [linking, setLinking] = useState<{ href: string } | null>(null);

  return (
    <div className="formatting-toolbar" role="toolbar" aria-label="Formatting">
      {ACTIONS.map((action, index) => (
        <ToolbarButton key={action.label} label={action.label} title={`${action.label} (${action.keys})`} pressed={active.actions[index] ?? false} onPress={() => action.run(editor)}>
          {action.glyph}
        </ToolbarButton>
      ))}
      <ToolbarButton label="Link" title="Link" pressed={active.link} onPress={() => setLinking({ href: String(editor.getAttributes('link').href ?? '') })}>
        Link
      </ToolbarButton>
      <LinkDialog
        current={linking}
        onApply={(href) => {
          const chain = editor.chain().focus().extendMarkRange('link');
          if (href === null) chain.unsetLink().run();
          // With nothing selected the address itself becomes the linked text.
          else if (editor.state.selection.empty && !editor.isActive('link')) chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
          else chain.setLink({ href }).run();
          setLinking(null);
        }}
        onClose={() => {
          setLinking(null);
          editor.commands.focus();
        }}
      />
    </div>
  );
}

function ToolbarButton({ label, title, pressed, onPress, children }: { label: string; title: string; pressed: boolean; onPress: () => void; children: string }) {
  return (
    <button
      type="button"
      className="toolbar-button"
      aria-label={label}
      aria-pressed={pressed}
      title={title}
      // A mouse press keeps the editor's focus and selection; the command then refocuses it anyway.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onPress}
    >
      {children}
    </button>
  );
}
