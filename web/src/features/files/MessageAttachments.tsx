import { isInlineImageType, type Attachment } from '@concord/shared';
import { FileCard } from './FileCard.tsx';
import { useFileLink } from './useFileLink.ts';

/**
 * A message's files: images inline, others as cards that download. Each is shown through a signed
 * link asked for by the file's id; the `url` a message carries is never used as an address, so a
 * message cannot point the page anywhere else.
 */
export function MessageAttachments({ attachments }: { attachments: readonly Attachment[] }) {
  return (
    <ul className="attachments" aria-label="Attachments">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <AttachmentView attachment={attachment} />
        </li>
      ))}
    </ul>
  );
}

function AttachmentView({ attachment }: { attachment: Attachment }) {
  const { file, error } = useFileLink(attachment.id);
  if (isInlineImageType(attachment.type) && file) {
    return (
      <a className="attachment-image" href={file.url} target="_blank" rel="noopener noreferrer" title={attachment.name}>
        <img src={file.url} alt={attachment.name} data-testid="attachment-image" />
      </a>
    );
  }
  const note = error ? 'not available now' : file ? undefined : 'loading…';
  return <FileCard name={attachment.name} size={attachment.size} type={attachment.type} href={file?.url} note={note} />;
}
