import { getRecordType, listFormEntries, parseRecordRef } from '@concord/shared';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { requestJson } from '../../api/requestJson.ts';
import { Link } from '../../app/Link.tsx';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { useConnection } from '../../collab/useConnection.ts';
import { useObserved } from '../../collab/useObserved.ts';

interface Hit {
  doc: string;
  kind: string;
  title: string;
  anchor?: string;
  snippet: string;
}

interface BackLink {
  formId: string;
  field: string;
}

/** The linking record's type and the link field's label, from the type as it is now. */
function labelsOf(doc: Y.Doc, link: BackLink): { type: string; field: string } {
  const type = getRecordType(doc, parseRecordRef(link.formId)?.type ?? '');
  return { type: type?.label ?? '', field: type?.fields.find((f) => f.name === link.field)?.label ?? link.field };
}

/** How often the list is asked for again while the record is open: links made elsewhere show up. */
const REFRESH_MS = 5_000;
const MAX_PAGES = 10;

/**
 * Search matches the last word as a prefix: asking for `1 contact` rather than `contact 1` keeps
 * `contact.10` out, and a hit counts only when the field's whole value is the id.
 */
async function findBackLinks(token: string, formId: string): Promise<BackLink[]> {
  const ref = parseRecordRef(formId);
  if (!ref) return [];
  const found: BackLink[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = new URLSearchParams({ q: `${ref.id} ${ref.type}`, kind: 'form', limit: '50', ...(cursor ? { cursor } : {}) }).toString();
    const body = await requestJson<{ results: Hit[]; next?: string }>(token, `/api/search?${query}`);
    for (const hit of body.results) {
      const from = hit.doc.split(':')[2] ?? '';
      if (hit.anchor && hit.snippet === formId && from !== formId) found.push({ formId: from, field: hit.anchor });
    }
    cursor = body.next;
    if (!cursor) break;
  }
  return found;
}

/**
 * The records whose link fields point at this one. They are found in the search index, which holds
 * every record's field values as the server accepted them (a link's value is the record id), so no
 * record has to be opened to know; a hit counts only when the field's whole value is this id.
 */
export function BackLinks({ formId, workspace }: { formId: string; workspace: DocumentState }) {
  const { token } = useCollab();
  const online = useConnection().status === 'online';
  const [links, setLinks] = useState<BackLink[]>([]);
  const titles = useObserved(workspace.doc, (doc) => new Map(listFormEntries(doc).map((entry) => [entry.id, entry.title])));

  useEffect(() => {
    if (!online) return;
    let live = true;
    const load = async () => {
      const found = await findBackLinks(await token(), formId).catch(() => null);
      if (!live || !found) return;
      setLinks((before) => (JSON.stringify(before) === JSON.stringify(found) ? before : found));
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [formId, online, token]);

  if (links.length === 0) return null;
  return (
    <section className="card back-links" aria-label="Linked from" data-testid="back-links">
      <h2>Linked from</h2>
      <ul>
        {links.map((link) => {
          const label = labelsOf(workspace.doc, link);
          return (
            <li key={`${link.formId}/${link.field}`}>
              <Link to={{ screen: 'form', id: link.formId }}>{titles.get(link.formId) || link.formId}</Link>{' '}
              <span className="muted small">
                {label.type} · {label.field}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
