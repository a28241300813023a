import { userColor } from '@concord/shared';
import type { OutboxItem } from '../../collab/outbox.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { LocalFile } from './LocalFile.tsx';

/** A channel's messages that wait for their files to upload (useOutbox), shown where they will appear. */
export function PendingPosts({ items }: { items: readonly OutboxItem[] }) {
  return (
    <>
      {items.map((item) => (
        <PendingPost key={item.post.id} item={item} />
      ))}
    </>
  );
}

function PendingPost({ item }: { item: OutboxItem }) {
  const { outbox } = useCollab();
  const { post, status, sentBytes, error } = item;
  const state = status === 'uploading' ? 'Uploading…' : status === 'failed' ? 'Not sent' : error ? 'Waiting for the connection' : 'Waiting to upload';
  return (
    <li className="message pending-post" data-testid="pending-post" data-status={status}>
      <Avatar user={{ id: post.message.authorId, name: post.message.authorName, color: userColor(post.message.authorId) }} size="small" />
      <div className="message-body">
        <div className="message-meta">
          <span className="message-author">{post.message.authorName}</span>
          <span className="muted small" role="status">
            {state}
          </span>
        </div>
        {post.message.text && <p className="message-text">{post.message.text}</p>}
        <ul className="attachments" aria-label="Attachments being sent">
          {post.files.map((file) => {
            const sent = file.uploaded ? file.size : (sentBytes[file.key] ?? 0);
            const percent = file.size > 0 ? Math.floor((sent / file.size) * 100) : 100;
            return (
              <li key={file.key} className="pending-file">
                <LocalFile blob={file.blob} name={file.name} type={file.type} size={file.size} />
                <progress max={100} value={percent} aria-label={`Upload of ${file.name}`} />
                <span className="muted small">{file.uploaded ? 'Uploaded' : `${percent}%`}</span>
              </li>
            );
          })}
        </ul>
        {status === 'failed' && error && <p className="small error-text">{error}</p>}
        {status !== 'uploading' && (
          <div className="message-actions">
            <button type="button" className="link-button danger" onClick={() => void outbox.discard(post.id)}>
              Remove
            </button>
          </div>
        )}
      </div>
    </li>
  );
}
