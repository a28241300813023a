import type { FieldDefinition } from '@concord/shared';
import { useDocument } from '../../collab/useDocument.ts';
import { ConflictReview } from '../form/ConflictReview.tsx';

/** The form's own conflict review, opened from a card or a row of a list. */
export function CardReview({ doc, definition, onClose }: { doc: string; definition: FieldDefinition; onClose: () => void }) {
  const form = useDocument(doc);
  return <ConflictReview form={form} definition={definition} onClose={onClose} />;
}
