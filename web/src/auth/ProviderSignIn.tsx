import { providerLoginUrl } from './providerSession.ts';

/** The sign-in screen of a server that signs people in with their organisation's provider. */
export function ProviderSignIn({ providerName, message }: { providerName: string; message?: string }) {
  const returnTo = location.pathname + location.search;
  return (
    <main className="sign-in">
      <div className="card sign-in-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Concord
        </div>
        <p className="muted">Chat, meetings, records and notes — together, even offline.</p>
        {message && (
          <p className="callout callout-warning" role="alert">
            {message}
          </p>
        )}
        <a className="button primary sign-in-provider" href={providerLoginUrl(returnTo)}>
          Sign in with {providerName}
        </a>
        <p className="muted small">You sign in on {providerName}’s page and come back here.</p>
      </div>
    </main>
  );
}
