import { postMessage, type Message } from '@concord/shared';
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { carriesFiles, dataTransferFiles } from '../files/dataTransferFiles.ts';
import { StagedFiles } from '../files/StagedFiles.tsx';
import { COMPOSER_INPUT_ID } from './focusComposer.ts';
import { matchPeople, type Choosable } from '../people/matchPeople.ts';
import { PersonListbox } from '../people/PersonListbox.tsx';
import { usePersonListbox } from '../people/usePersonListbox.ts';
import { activeMention, insertMention, resolveMentions } from './mentions.ts';
import { useTyping } from './useTyping.ts';

export function Composer({ channel, place, people, replyTo, onCancelReply }: { channel: DocumentState; place: string; people: readonly Choosable[]; replyTo: Message | null; onCancelReply: () => void }) {
  const { session, outbox } = useCollab();
  const [text, setText] = useState('');
  // Files go with the next message: chosen with the button, dropped on the composer, or pasted.
  const [files, setFiles] = useState<File[]>([]);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const addFiles = (added: readonly File[]) => added.length > 0 && setFiles((current) => [...current, ...added]);
  const { typed, stopped } = useTyping(channel);
  const input = useRef<HTMLTextAreaElement>(null);
  // @mentions: the `@query` at the caret offers people; those picked are remembered by id until sent.
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<Choosable[]>([]);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const placeCaret = useRef<number | null>(null);
  const typing = activeMention(text, caret);
  const mentioning = typing !== null && typing.start !== dismissedAt;
  const listbox = usePersonListbox({
    options: mentioning ? matchPeople(people, typing.query, new Set([session.user.id])) : [],
    open: mentioning,
    onChoose(person) {
      if (!typing) return;
      const next = insertMention(text, typing.start, caret, person);
      setText(next.text);
      setCaret(next.caret);
      placeCaret.current = next.caret;
      setPicked((current) => [...current.filter((p) => p.id !== person.id), { id: person.id, name: person.name }]);
    },
    onClose: () => typing && setDismissedAt(typing.start),
  });

  useLayoutEffect(() => {
    if (placeCaret.current === null || !input.current) return;
    input.current.setSelectionRange(placeCaret.current, placeCaret.current);
    placeCaret.current = null;
  }, [text]);

  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  function send(event?: FormEvent) {
    event?.preventDefault();
    const body = text.trim();
    if (!body && files.length === 0) return;
    const mentions = resolveMentions(body, picked, people, session.user.id);
    const message = {
      text: body,
      ...(mentions.length > 0 ? { mentions } : {}),
      authorId: session.user.id,
      authorName: session.user.name,
      ...(replyTo ? { replyTo: replyTo.id } : {}),
    };
    // With files the message waits in the outbox until they are uploaded, also across offline reloads.
    if (files.length > 0) void outbox.send(channel.name, message, files);
    else postMessage(channel.doc, message);
    setText('');
    setPicked([]);
    setDismissedAt(null);
    setFiles([]);
    stopped();
    onCancelReply();
  }

  const label = replyTo ? `Reply to ${replyTo.authorName}` : `Message ${place}`;
  return (
    <form
      className={`composer${dragging ? ' dragging' : ''}`}
      onSubmit={send}
      onDragOver={(e) => {
        if (!carriesFiles(e.dataTransfer)) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        if (!carriesFiles(e.dataTransfer)) return;
        e.preventDefault();
        setDragging(false);
        addFiles(dataTransferFiles(e.dataTransfer));
        input.current?.focus();
      }}
    >
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
      <StagedFiles files={files} onRemove={(index) => setFiles((current) => current.filter((_, i) => i !== index))} />
      <PersonListbox listbox={listbox} label="People to mention" />
      <div className="composer-row">
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label="Files to attach"
          onChange={(e) => {
            addFiles([...(e.target.files ?? [])]);
            e.target.value = '';
            input.current?.focus();
          }}
        />
        <button type="button" className="button attach-button" aria-label="Attach files" title="Attach files" onClick={() => picker.current?.click()}>
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M21 12.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l9.2-9.2a3.7 3.7 0 0 1 5.2 5.2l-9.2 9.2a1.8 1.8 0 0 1-2.6-2.6l8.5-8.5" />
          </svg>
        </button>
        <label className="visually-hidden" htmlFor={COMPOSER_INPUT_ID}>
          {label}
        </label>
        <textarea
          {...listbox.comboboxProps}
          id={COMPOSER_INPUT_ID}
          ref={input}
          rows={1}
          placeholder={label}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            // Once the dismissed `@query` is gone, a new one at the same place opens the list again.
            if (!activeMention(e.target.value, e.target.selectionStart)) setDismissedAt(null);
            if (e.target.value) typed();
            else stopped();
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onBlur={() => {
            stopped();
            if (typing) setDismissedAt(typing.start);
          }}
          onFocus={() => setDismissedAt(null)}
          onPaste={(e) => {
            const pasted = dataTransferFiles(e.clipboardData);
            if (pasted.length === 0) return;
            e.preventDefault();
            addFiles(pasted);
          }}
          onKeyDown={(e) => {
            if (listbox.onKeyDown(e)) return e.preventDefault();
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              send();
            }
            if (e.key === 'Escape' && replyTo) onCancelReply();
          }}
        />
        <button type="submit" className="button primary" disabled={!text.trim() && files.length === 0}>
          Send
        </button>
      </div>
    </form>
  );
}
