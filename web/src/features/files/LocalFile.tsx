import { isInlineImageType } from '@concord/shared';
import { FileCard } from './FileCard.tsx';
import { useObjectUrl } from './useObjectUrl.ts';

/** A file on this device (chosen, or waiting to upload): a thumbnail for images, else a card. */
export function LocalFile({ blob, name, type, size, note }: { blob: Blob; name: string; type: string; size: number; note?: string | undefined }) {
  const image = isInlineImageType(type);
  const url = useObjectUrl(image ? blob : undefined);
  if (image && url) {
    return (
      <span className="local-image" title={note ? `${name} · ${note}` : name}>
        <img src={url} alt={name} />
      </span>
    );
  }
  return <FileCard name={name} size={size} type={type} note={note} />;
}
