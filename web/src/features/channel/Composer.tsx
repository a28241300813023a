import { postMessage, type Message } from '@concord/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { COMPOSER_INPUT_ID } from './focusComposer.ts';
import { findMentions } from './mentions.ts';
import { useTyping } from './useTyping.ts';

export function Composer({ channel, channelName, people, replyTo, onCancelReply }: { channel: DocumentState; channelName: string; people: ReadonlyMap<string, string>; replyTo: Message | null; onCancelReply: () => void }) {
  const { session } = useCollab();
  const [text, setText] = useState('');
  const { typed, stopped } = useTyping(channel);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  function send(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (!body) return;
    const mentions = findMentions(body, people).filter((id) => id !== session.user.id);
    postMessage(channel.doc, {
      text: body,
      ...(mentions.length > 0 ? { mentions } : {}),
      authorId: session.user.id,
      authorName: session.user.name,
      ...(replyTo ? { replyTo: replyTo.id } : {}),
    });
    setText('');
    stopped();
    onCancelReply();
  }

  const label = replyTo ? `Reply to ${replyTo.authorName}` : `Message #${channelName}`;
  return (
    <form className="composer" onSubmit={send}>
      {replyTo && (
        <div className="composer-reply">
          <span className="muted small">
            Replying to <strong>{replyTo.authorName}</strong>: {replyTo.text.slice(0, 80)}
          </span>
          <button type="button" className="link-button" onClick={onCancelReply}>
            Cancel reply
          </button>
        </div>
      )}
      <div className="composer-row">
        <label className="visually-hidden" htmlFor={COMPOSER_INPUT_ID}>
          {label}
        </label>
        <textarea
          id={COMPOSER_INPUT_ID}
          ref={input}
          rows={1}
          placeholder={label}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value) typed();
            else stopped();
          }}
          onBlur={stopped}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              send();
            }
            if (e.key === 'Escape' && replyTo) onCancelReply();
          }}
        />
        <button type="submit" className="button primary" disabled={!text.trim()}>
          Send
        </button>
      </div>
    </form>
  );
}
