import { canWrite, deleteMessage, editMessage, messageStatus, restoreMessage, type Message } from '@concord/shared';
import { userColor } from '@concord/shared';
import { useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { pushNotice } from '../../app/notices.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { MessageAttachments } from '../files/MessageAttachments.tsx';
import { Avatar } from '../presence/Avatar.tsx';
import type { Choosable } from '../people/matchPeople.ts';
import { editedMentions, splitMentions } from './mentions.ts';
import { Reactions } from './Reactions.tsx';
import { formatTime } from '../workspace/formatTime.ts';

/** How long "Message deleted · Undo" stays. */
const UNDO_MS = 8000;

export interface ReceiptInfo {
  delivered: boolean;
  names: ReadonlyMap<string, string>;
}

/**
 * `receipt` is given for the one message that shows sent / delivered / read by (my latest).
 * `readOnly` is for archived history, which is no longer in the document and cannot change.
 * `names` (user id → name) lets the text highlight the handles of the people the message mentions;
 * `people` are those an edit may mention (as the composer offers them).
 */
export function MessageItem({ channel, message, names, people, receipt, onReply, readOnly = false, children }: { channel: DocumentState; message: Message; names: ReadonlyMap<string, string>; people: readonly Choosable[]; receipt?: ReceiptInfo | undefined; onReply?: ((message: Message) => void) | undefined; readOnly?: boolean | undefined; children?: ReactNode }) {
  const { session } = useCollab();
  const [draft, setDraft] = useState<string | null>(null);
  const mine = message.authorId === session.user.id;
  const deleted = message.deletedAt !== undefined;
  const writable = canWrite(session.user.role) && !readOnly;

  const deleteButton = useRef<HTMLButtonElement>(null);

  /** Deleting asks nothing: it offers Undo for a while instead, which puts back what this client still has. */
  function remove(event: MouseEvent) {
    const { text, attachments } = message;
    deleteMessage(channel.doc, message.id);
    pushNotice('Message deleted', 'info', {
      dismissAfterMs: UNDO_MS,
      // Activated from the keyboard (no pointer, so no click count): the Delete button is gone, go to Undo.
      takeFocus: event.detail === 0,
      action: {
        label: 'Undo',
        run() {
          try {
            restoreMessage(channel.doc, message.id, { text, ...(attachments ? { attachments } : {}) });
          } catch {
            // Moved to the archive meanwhile, where messages no longer change.
            return void pushNotice('That message can no longer be restored.', 'warning');
          }
          requestAnimationFrame(() => deleteButton.current?.focus());
        },
      },
    });
  }

  function saveEdit() {
    const text = draft?.trim();
    // The edited text's mentions, as when posting: the server notifies the people the edit adds.
    if (text && text !== message.text) editMessage(channel.doc, message.id, text, Date.now(), editedMentions(text, message.mentions ?? [], names, people, session.user.id));
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
          (deleted || message.text || !message.attachments?.length) && (
            <p className={`message-text${deleted ? ' muted deleted' : ''}`}>
              {deleted
                ? 'This message was deleted.'
                : splitMentions(message.text, message.mentions ?? [], names).map((part, i) => (part.mention ? <mark key={i} className="mention">{part.text}</mark> : part.text))}
            </p>
          )
        )}
        {!deleted && message.attachments && message.attachments.length > 0 && <MessageAttachments attachments={message.attachments} />}
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
                <button ref={deleteButton} type="button" className="link-button danger" onClick={remove}>
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
