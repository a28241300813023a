import StarterKit from '@tiptap/starter-kit';

/**
 * The rich-text schema every editor and viewer of notes and meeting notes uses, so a saved version
 * renders exactly as it was written. Undo history comes from Yjs (per user), not from ProseMirror.
 */
export function richTextSchema() {
  return StarterKit.configure({ undoRedo: false });
}
