import { addAgendaItem, canWrite, listAgenda, removeAgendaItem, setAgendaItemDone } from '@concord/shared';
import { useState, type FormEvent } from 'react';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useObserved } from '../../collab/useObserved.ts';

export function Agenda({ meeting }: { meeting: DocumentState }) {
  const { session } = useCollab();
  const items = useObserved(meeting.doc, listAgenda);
  const [text, setText] = useState('');
  const writable = canWrite(session.user.role);

  function add(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    addAgendaItem(meeting.doc, text.trim());
    setText('');
  }

  return (
    <div className="card">
      <div className="card-heading">
        <h2>Agenda</h2>
      </div>
      <ul className="agenda">
        {items.length === 0 && <li className="muted small">No agenda items yet.</li>}
        {items.map((item) => (
          <li key={item.id}>
            <label className={item.done ? 'done' : undefined}>
              <input type="checkbox" checked={item.done} disabled={!writable} onChange={(e) => setAgendaItemDone(meeting.doc, item.id, e.target.checked)} />
              {item.text}
            </label>
            {writable && (
              <button type="button" className="icon-button" aria-label={`Remove “${item.text}”`} onClick={() => removeAgendaItem(meeting.doc, item.id)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {writable && (
        <form className="row" onSubmit={add}>
          <label className="visually-hidden" htmlFor="agenda-input">
            New agenda item
          </label>
          <input id="agenda-input" className="grow" placeholder="Add an agenda item" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button" disabled={!text.trim()}>
            Add
          </button>
        </form>
      )}
    </div>
  );
}
