import { parseDocName } from '@concord/shared';
import { useEffect, useState } from 'react';
import { ApiError, requestJson } from '../../api/requestJson.ts';
import { Dialog } from '../../app/Dialog.tsx';
import { navigate, type Route } from '../../app/route.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import { Highlighted, queryWords } from './highlight.tsx';
import { revealAnchor } from './revealAnchor.ts';

interface SearchResult {
  doc: string;
  kind: 'channel' | 'notes' | 'form' | 'meeting';
  title: string;
  anchor?: string;
  snippet: string;
  at: number;
}

const GROUPS = [
  { kind: 'channel', label: 'Messages' },
  { kind: 'notes', label: 'Notes' },
  { kind: 'meeting', label: 'Meetings' },
  { kind: 'form', label: 'Records' },
] as const;
const DEBOUNCE_MS = 150;

/** Search everything the user may open (`GET /api/search`), opened with Ctrl+K or the search button. */
export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { session } = useCollab();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (queryWords(q).length === 0) {
      setResults(null);
      setProblem(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      requestJson<{ results: SearchResult[] }>(session.token, `/api/search?${new URLSearchParams({ q, limit: '30' }).toString()}`)
        .then((body) => current && (setResults(body.results), setProblem(null)))
        .catch((error: unknown) => current && setProblem(error instanceof ApiError ? error.message : 'Search failed.'));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, session.token]);

  function openResult(result: SearchResult) {
    const parsed = parseDocName(result.doc);
    if (!parsed.ok || parsed.name.kind === 'workspace' || parsed.name.kind === 'inbox') return;
    navigate({ screen: parsed.name.kind, id: parsed.name.id } as Route);
    if (result.anchor && result.kind === 'channel') revealAnchor(`[data-message-id="${CSS.escape(result.anchor)}"]`, { loadOlder: true });
    if (result.anchor && result.kind === 'form') revealAnchor(`[data-testid="field-${CSS.escape(result.anchor)}"]`);
    setQ('');
    onClose();
  }

  const words = queryWords(q);
  return (
    <Dialog title="Search" open={open} onClose={onClose} wide>
      <input
        type="search"
        className="input search-input"
        aria-label="Search messages, notes, meetings and records"
        placeholder="Search messages, notes, meetings, records…"
        value={q}
        onChange={(event) => setQ(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && results?.[0]) openResult(results[0]);
        }}
      />
      {problem && <p className="muted small" role="alert">{problem}</p>}
      {results && results.length === 0 && <p className="muted small">Nothing found.</p>}
      {results && results.length > 0 && (
        <div className="search-results" data-testid="search-results">
          {GROUPS.map(({ kind, label }) => {
            const group = results.filter((r) => r.kind === kind);
            if (group.length === 0) return null;
            return (
              <section key={kind} aria-label={label}>
                <h3 className="search-group">{label}</h3>
                <ul>
                  {group.map((result) => (
                    <li key={`${result.doc}|${result.anchor ?? ''}`}>
                      <button type="button" className="search-result" data-testid="search-result" onClick={() => openResult(result)}>
                        <span className="search-title">
                          <Highlighted text={kind === 'channel' ? `#${result.title}` : result.title} words={words} />
                          {kind === 'form' && result.anchor && <span className="muted"> · {result.anchor}</span>}
                          <span className="muted small"> · {new Date(result.at).toLocaleString()}</span>
                        </span>
                        <span className="search-snippet">
                          <Highlighted text={result.snippet} words={words} />
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </Dialog>
  );
}
