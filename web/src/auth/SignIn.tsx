import { useState, type FormEvent } from 'react';
import { DevTokenUnavailable, requestDevToken } from './devToken.ts';
import type { Role } from '@concord/shared';
import { saveSession, sessionFromToken, type Session } from './session.ts';

/** The dev-mode sign-in: name, org and role in, a token from the server out. */
export function SignIn({ onSignedIn, message }: { onSignedIn: (session: Session) => void; message?: string }) {
  const [name, setName] = useState('');
  const [org, setOrg] = useState('acme');
  const [role, setRole] = useState<Role>('editor');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const token = await requestDevToken({ name, org, role });
      const session = sessionFromToken(token);
      if (!session) throw new Error('The server sent a token this app cannot read.');
      saveSession(session);
      onSignedIn(session);
    } catch (caught) {
      setError(
        caught instanceof DevTokenUnavailable
          ? 'This server needs a token from your organisation. Open Concord from your host application, or add #token=<your token> to the address.'
          : caught instanceof Error
            ? caught.message
            : String(caught),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Concord
        </div>
        <p className="muted">Chat, meetings, records and notes — together, even offline.</p>
        {message && <p className="callout callout-warning">{message}</p>}
        <label>
          Your name
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} required autoFocus autoComplete="name" maxLength={64} />
        </label>
        <label>
          Organisation
          <input name="org" value={org} onChange={(e) => setOrg(e.target.value)} required pattern="[A-Za-z0-9._\-]{1,64}" title="Letters, digits, dot, dash or underscore" />
        </label>
        <label>
          Role
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="editor">Editor</option>
            <option value="admin">Admin</option>
            <option value="viewer">Viewer (read only)</option>
          </select>
        </label>
        {error && <p className="callout callout-error" role="alert">{error}</p>}
        <button type="submit" className="button primary" disabled={busy || !name.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">Development sign-in: the server issues a token for whoever you say you are.</p>
      </form>
    </main>
  );
}
