import { canWrite, toggleReaction, type Message } from '@concord/shared';
import { useRef, useState } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';

const CHOICES = ['👍', '🎉', '❤️', '😄', '👀', '✅'];

export function Reactions({ channel, message, readOnly = false }: { channel: DocumentState; message: Message; readOnly?: boolean }) {
  const { session } = useCollab();
  const [picking, setPicking] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const writable = canWrite(session.user.role) && !readOnly;
  const entries = Object.entries(message.reactions).filter(([, users]) => users.length > 0);
  const react = (emoji: string) => {
    toggleReaction(channel.doc, message.id, emoji, session.user.id);
    setPicking(false);
  };
  return (
    <div className="reactions">
      {entries.map(([emoji, users]) => (
        <button
          key={emoji}
          type="button"
          className="reaction"
          aria-pressed={users.includes(session.user.id)}
          aria-label={`${emoji} ${users.length}`}
          title={users.join(', ')}
          disabled={!writable}
          onClick={() => react(emoji)}
        >
          {emoji} <span>{users.length}</span>
        </button>
      ))}
      {writable && (
        <span
          className="reaction-picker"
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || !picking) return;
            event.preventDefault();
            setPicking(false);
            addButton.current?.focus();
          }}
        >
          <button ref={addButton} type="button" className="reaction add" aria-label="Add reaction" aria-expanded={picking} onClick={() => setPicking((p) => !p)}>
            ☺+
          </button>
          {picking && (
            <span className="reaction-choices" role="group" aria-label="Choose a reaction">
              {CHOICES.map((emoji) => (
                <button key={emoji} type="button" className="reaction" aria-label={`React with ${emoji}`} onClick={() => react(emoji)}>
                  {emoji}
                </button>
              ))}
            </span>
          )}
        </span>
      )}
    </div>
  );
}
