import { canWrite, notesContent, replaceXmlContent } from '@concord/shared';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import * as Y from 'yjs';
import { ApiError } from '../../api/requestJson.ts';
import { Dialog } from '../../app/Dialog.tsx';
import { useCollab } from '../../collab/CollabContext.ts';
import { whenAcknowledged } from '../../collab/whenAcknowledged.ts';
import { formatDateTime } from '../workspace/formatTime.ts';
import { VersionContent } from './VersionContent.tsx';
import { listVersions, readVersionUpdate, saveVersion, type VersionInfo } from './versionsApi.ts';

/** How long saving waits for the page's latest edits to reach the server. */
const ACK_TIMEOUT_MS = 10_000;
/** The server's limit on a version's label. */
const MAX_LABEL_LENGTH = 200;

type Opened =
  | { state: 'loading'; version: VersionInfo }
  | { state: 'ready'; version: VersionInfo; update: Uint8Array; restoring?: boolean; error?: string }
  | { state: 'failed'; version: VersionInfo; error: string };

/**
 * Named versions of a notes page: save the page as it is now, list them, open one read-only and,
 * for writers, restore it into `content` (the live page).
 */
export function VersionsPanel({ name, names, content }: { name: string; names: ReadonlyMap<string, string>; content: Y.XmlFragment }) {
  const { session, registry, token } = useCollab();
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [saving, setSaving] = useState(false);
  const [opened, setOpened] = useState<Opened | null>(null);
  const writable = canWrite(session.user.role);

  const refresh = useCallback(async () => {
    try {
      setVersions(await listVersions(await token(), name));
      setError(null);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }, [token, name]);
  useEffect(() => void refresh(), [refresh]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (saving || !label.trim()) return;
    setSaving(true);
    try {
      // The server saves its own copy: first make sure it has everything typed here.
      await whenAcknowledged(registry, name, ACK_TIMEOUT_MS);
      const saved = await saveVersion(await token(), name, label.trim());
      setVersions((current) => [saved, ...(current ?? []).filter((v) => v.id !== saved.id)]);
      setLabel('');
      setError(null);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setSaving(false);
    }
  }

  async function open(version: VersionInfo) {
    setOpened({ state: 'loading', version });
    try {
      const { update } = await readVersionUpdate(await token(), name, version.id);
      setOpened((current) => (current?.version.id === version.id ? { state: 'ready', version, update } : current));
    } catch (caught) {
      setOpened((current) => (current?.version.id === version.id ? { state: 'failed', version, error: messageOf(caught) } : current));
    }
  }

  /**
   * A new edit that brings the page back to the version: everyone sees it live. The page as it is
   * now is saved first as a version of its own, so restoring loses nothing.
   */
  async function restore(version: VersionInfo, update: Uint8Array) {
    // Only the dialog still showing this version takes the outcome.
    const patch = (change: { restoring: boolean; error?: string } | null) =>
      setOpened((current) => (current?.state !== 'ready' || current.version.id !== version.id ? current : change && { ...current, ...change }));
    patch({ restoring: true, error: undefined });
    try {
      await whenAcknowledged(registry, name, ACK_TIMEOUT_MS);
      const prefix = 'Before restoring “';
      const kept = await saveVersion(await token(), name, `${prefix}${version.label.slice(0, MAX_LABEL_LENGTH - prefix.length - 1)}”`);
      setVersions((current) => [kept, ...(current ?? []).filter((v) => v.id !== kept.id)]);
      const source = new Y.Doc();
      try {
        Y.applyUpdate(source, update);
        replaceXmlContent(content, notesContent(source));
      } finally {
        source.destroy();
      }
      patch(null);
    } catch (caught) {
      patch({ restoring: false, error: messageOf(caught) });
    }
  }

  return (
    <aside className="card versions-panel" id="versions-panel" aria-labelledby="versions-title">
      <div className="card-heading">
        <h2 id="versions-title">Versions</h2>
        <button type="button" className="icon-button" aria-label="Refresh versions" title="Refresh" onClick={() => void refresh()}>
          ↻
        </button>
      </div>
      {writable && (
        <form className="version-form" onSubmit={save}>
          <label className="visually-hidden" htmlFor="version-label">
            Version name
          </label>
          <input id="version-label" placeholder="Name this version, e.g. Draft" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
          <button type="submit" className="button primary small" disabled={!label.trim()} aria-busy={saving}>
            {saving ? 'Saving…' : 'Save version'}
          </button>
        </form>
      )}
      {error && (
        <p className="callout callout-error small" role="alert">
          {error}
        </p>
      )}
      <ul className="versions" aria-label="Saved versions" data-testid="versions">
        {versions === null && !error && <li className="muted small">Loading…</li>}
        {versions?.length === 0 && <li className="muted small">No versions yet. Save one to come back to this page as it is now.</li>}
        {versions?.map((version) => (
          <li key={version.id}>
            <button type="button" className="version" onClick={() => void open(version)}>
              <span className="version-label">{version.label}</span>
              <span className="muted small">
                {formatDateTime(version.createdAt)} · {names.get(version.createdBy) ?? version.createdBy}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <Dialog title={opened ? `Version “${opened.version.label}”` : 'Version'} open={opened !== null} onClose={() => setOpened(null)} wide>
        {opened && (
          <div className="stack">
            <p className="muted small">
              Saved {formatDateTime(opened.version.createdAt)} by {names.get(opened.version.createdBy) ?? opened.version.createdBy}. Read only.
            </p>
            {opened.state === 'loading' && <p className="muted">Loading…</p>}
            {opened.state === 'failed' && (
              <p className="callout callout-error" role="alert">
                {opened.error}
              </p>
            )}
            {opened.state === 'ready' && (
              <>
                <div className="card editor-card">
                  <VersionContent update={opened.update} label={`Content of version “${opened.version.label}”`} />
                </div>
                {opened.error && (
                  <p className="callout callout-error small" role="alert">
                    {opened.error}
                  </p>
                )}
                {writable && (
                  <div className="row end">
                    <button type="button" className="button primary" disabled={opened.restoring} aria-busy={opened.restoring} onClick={() => void restore(opened.version, opened.update)}>
                      {opened.restoring ? 'Restoring…' : 'Restore this version'}
                    </button>
                  </div>
                )}
              </>
            )}
          </div>
        )}
      </Dialog>
    </aside>
  );
}

function messageOf(caught: unknown): string {
  return caught instanceof ApiError || caught instanceof Error ? caught.message : String(caught);
}
