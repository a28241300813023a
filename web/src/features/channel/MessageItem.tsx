import { canWrite, deleteMessage, editMessage, messageStatus, type Message } from '@concord/shared';
import { userColor } from '@concord/shared';
import { useState, type ReactNode } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { Avatar } from '../presence/Avatar.tsx';
import { splitMentions } from './mentions.ts';
import { Reactions } from './Reactions.tsx';
import { formatTime } from '../workspace/formatTime.ts';

export interface ReceiptInfo {
  delivered: boolean;
  names: ReadonlyMap<string, string>;
}

/**
 * `receipt` is given for the one message that shows sent / delivered / read by (my latest).
 * `readOnly` is for archived history, which is no longer in the document and cannot change.
 */
export function MessageItem({ channel, message, receipt, onReply, readOnly = false, children }: { channel: DocumentState; message: Message; receipt?: ReceiptInfo | undefined; onReply?: ((message: Message) => void) | undefined; readOnly?: boolean | undefined; children?: ReactNode }) {
  const { session } = useCollab();
  const [draft, setDraft] = useState<string | null>(null);
  const mine = message.authorId === session.user.id;
  const deleted = message.deletedAt !== undefined;
  const writable = canWrite(session.user.role) && !readOnly;

  function saveEdit() {
    if (draft !== null && draft.trim() && draft.trim() !== message.text) editMessage(channel.doc, message.id, draft.trim());
    setDraft(null);
  }

  return (
    <li className={`message${mine ? ' mine' : ''}`} data-testid="message" data-message-id={message.id} data-archived={readOnly || undefined}>
      <Avatar user={{ id: message.authorId, name: message.authorName, color: userColor(message.authorId) }} size="small" />
      <div className="message-body">
        <div className="message-meta">
          <span className="message-author">{message.authorName}</span>
          <time className="muted small" dateTime={new Date(message.createdAt).toISOString()}>
            {formatTime(message.createdAt)}
          </time>
          {message.editedAt !== undefined && !deleted && <span className="muted small">(edited)</span>}
        </div>
        {draft !== null ? (
          <form
            className="message-edit"
            onSubmit={(event) => {
              event.preventDefault();
              saveEdit();
            }}
          >
            <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
              Edit message
            </label>
            <input
              id={`edit-${message.id}`}
              value={draft}
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setDraft(null)}
            />
            <button type="submit" className="button small primary">
              Save
            </button>
            <button type="button" className="button small ghost" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </form>
        ) : (
          <p className={`message-text${deleted ? ' muted deleted' : ''}`}>
            {deleted
              ? 'This message was deleted.'
              : splitMentions(message.text).map((part, i) => (part.mention ? <mark key={i} className="mention">{part.text}</mark> : part.text))}
          </p>
        )}
        {!deleted && <Reactions channel={channel} message={message} readOnly={readOnly} />}
        {!deleted && writable && draft === null && (
          <div className="message-actions">
            {onReply && (
              <button type="button" className="link-button" onClick={() => onReply(message)}>
                Reply
              </button>
            )}
            {mine && (
              <>
                <button type="button" className="link-button" onClick={() => setDraft(message.text)}>
                  Edit
                </button>
                <button type="button" className="link-button danger" onClick={() => deleteMessage(channel.doc, message.id)}>
                  Delete
                </button>
              </>
            )}
          </div>
        )}
        {receipt && !deleted && <ReadReceipt channel={channel} messageId={message.id} {...receipt} />}
        {children}
      </div>
    </li>
  );
}

function ReadReceipt({ channel, messageId, delivered, names }: { channel: DocumentState; messageId: string } & ReceiptInfo) {
  const status = messageStatus(channel.doc, messageId, { delivered });
  const text = status.state === 'read' ? `Read by ${status.readBy.map((id) => names.get(id) ?? id).join(', ')}` : status.state === 'delivered' ? 'Delivered' : 'Sent';
  return (
    <span className="receipt muted small" data-testid="receipt" data-state={status.state}>
      {text}
    </span>
  );
}
