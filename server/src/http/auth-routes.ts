/**
 * Sign-in over HTTP (README, Sign-in and HTTP):
 *
 * - `GET /api/auth/config`: how this server signs people in (`dev`, `oidc` or `token`), for the web app.
 * - `GET /api/auth/oidc/login?returnTo=/path`: redirects to the provider; state, nonce and the PKCE
 *   verifier wait in a sealed, HttpOnly, SameSite=Lax cookie for 10 minutes.
 * - `GET /api/auth/oidc/callback`: checks the provider's answer, maps the claims to a Concord user and
 *   starts a session: a sealed HttpOnly cookie holding that user, valid for OIDC_SESSION_TTL_SECONDS.
 * - `POST /api/auth/token`: a Concord token (OIDC_TOKEN_TTL_SECONDS) for the session's user.
 * - `POST /api/auth/logout`: ends the session in this browser.
 *
 * The two browser navigations never answer with JSON: a failure sends the browser back to the web
 * app with `#sign-in-error=<code>: <detail>`, which the sign-in screen shows.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { concordClaims } from '../auth/oidc-claims.ts';
import type { OidcClient, PendingLogin } from '../auth/oidc-client.ts';
import { createSealer } from '../auth/sealed.ts';
import { signToken } from '../auth/sign-token.ts';
import type { Claims } from '../auth/claims.ts';
import { OIDC_CALLBACK_PATH, type OidcConfig } from '../config-oidc.ts';
import { ConcordError, isConcordError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import { readCookie, setCookie } from './cookies.ts';
import { sendJson } from './respond.ts';

export type SignInMode = 'dev' | 'oidc' | 'token';

export interface AuthRoutesOptions {
  devMode: boolean;
  oidc?: OidcConfig;
  /** Required with `oidc`: signs Concord tokens, seals the cookies. */
  authSecret?: string;
  logger: Logger;
  metrics: Metrics;
}

/** Answers the request if it is one of these routes; false otherwise. */
export type AuthRoutes = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

const LOGIN_COOKIE = 'concord_oidc_login';
const SESSION_COOKIE = 'concord_session';
const LOGIN_PATH = '/api/auth/oidc';
const SESSION_PATH = '/api/auth';
/** Time to get through the provider's pages; the provider's own interactions last about as long. */
const LOGIN_TTL_SECONDS = 600;
const MAX_RETURN_TO = 2000;

export function createAuthRoutes(options: AuthRoutesOptions): AuthRoutes {
  const { oidc, authSecret } = options;
  if (oidc && !authSecret) throw new Error('sign-in with OpenID Connect needs AUTH_SECRET');
  const flow = oidc && authSecret ? oidcFlow(oidc, authSecret, options) : undefined;

  return async (request, response, url) => {
    const { pathname: path } = url;
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/api/auth/config') {
      const mode: SignInMode = oidc ? 'oidc' : options.devMode ? 'dev' : 'token';
      sendJson(response, 200, oidc ? { mode, providerName: oidc.providerName } : { mode });
      return true;
    }
    if (!flow) return false;
    if (method === 'GET' && path === `${LOGIN_PATH}/login`) await flow.login(request, response, url);
    else if (method === 'GET' && path === OIDC_CALLBACK_PATH) await flow.callback(request, response, url);
    else if (method === 'POST' && path === '/api/auth/token') await flow.token(request, response);
    else if (method === 'POST' && path === '/api/auth/logout') flow.logout(request, response);
    else return false;
    return true;
  };
}

function oidcFlow(oidc: OidcConfig, authSecret: string, { logger, metrics }: AuthRoutesOptions) {
  // openid-client is loaded with the first sign-in: a server without OIDC never reads it, and one
  // with it starts without it (docs/BENCHMARKS.md, start-up).
  let loading: Promise<OidcClient> | undefined;
  const oidcClient = () => (loading ??= import('../auth/oidc-client.ts').then(({ createOidcClient }) => createOidcClient(oidc)));
  const logins = createSealer<PendingLogin>(authSecret, 'oidc-login');
  const sessions = createSealer<Claims>(authSecret, 'oidc-session');
  const tokenSecret = new TextEncoder().encode(authSecret);

  /** Whether the browser reached this deployment over https (then cookies are Secure). */
  function secure(request: IncomingMessage): boolean {
    if (oidc.redirectUrl) return oidc.redirectUrl.startsWith('https:');
    return String(request.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
  }

  /**
   * OIDC_REDIRECT_URL, or this deployment's callback as the browser reached it. The provider only
   * redirects to URIs registered with it, so a forged Host header gets nowhere.
   */
  function redirectUri(request: IncomingMessage): string {
    if (oidc.redirectUrl) return oidc.redirectUrl;
    const host = request.headers.host;
    if (!host) throw new ConcordError('bad-request', 'the request names no host; set OIDC_REDIRECT_URL');
    return `${secure(request) ? 'https' : 'http'}://${host}${OIDC_CALLBACK_PATH}`;
  }

  /** Browser navigations end on a page of the web app, with what went wrong in the fragment. */
  async function navigation(request: IncomingMessage, response: ServerResponse, what: string, run: () => Promise<{ location: string; cookies: string[] }>) {
    let location: string;
    let cookies: string[] = [];
    try {
      ({ location, cookies } = await run());
    } catch (error) {
      if (!isConcordError(error)) throw error;
      metrics.refusals.inc({ code: error.errorCode });
      logger.info({ code: error.errorCode, detail: error.detail }, `${what} refused`);
      location = `/#sign-in-error=${encodeURIComponent(`${error.errorCode}: ${error.detail}`)}`;
      cookies = [clearLogin(request)];
    }
    response.writeHead(303, { Location: location, 'Set-Cookie': cookies, 'Cache-Control': 'no-store' });
    response.end();
  }

  const clearLogin = (request: IncomingMessage) => setCookie(LOGIN_COOKIE, '', { path: LOGIN_PATH, maxAgeSeconds: 0, secure: secure(request) });

  return {
    login(request: IncomingMessage, response: ServerResponse, url: URL) {
      return navigation(request, response, 'sign-in', async () => {
        const { url: target, pending } = await (await oidcClient()).start(redirectUri(request), returnTo(url.searchParams.get('returnTo')));
        const sealed = await logins.seal(pending, LOGIN_TTL_SECONDS);
        return { location: target.href, cookies: [setCookie(LOGIN_COOKIE, sealed, { path: LOGIN_PATH, maxAgeSeconds: LOGIN_TTL_SECONDS, secure: secure(request) })] };
      });
    },

    callback(request: IncomingMessage, response: ServerResponse, url: URL) {
      return navigation(request, response, 'sign-in callback', async () => {
        const pending = await logins.unseal(readCookie(request, LOGIN_COOKIE));
        if (!pending) throw new ConcordError('bad-request', 'no sign-in is under way in this browser (it took longer than 10 minutes, or began elsewhere)');
        const claims = concordClaims(await (await oidcClient()).finish(url.searchParams, pending), oidc);
        const session = await sessions.seal(claims, oidc.sessionTtlSeconds);
        logger.info({ userId: claims.sub, org: claims.org, role: claims.role }, 'signed in');
        return {
          location: pending.returnTo,
          cookies: [
            clearLogin(request),
            setCookie(SESSION_COOKIE, session, { path: SESSION_PATH, maxAgeSeconds: oidc.sessionTtlSeconds, secure: secure(request) }),
          ],
        };
      });
    },

    async token(request: IncomingMessage, response: ServerResponse) {
      const claims = await sessions.unseal(readCookie(request, SESSION_COOKIE));
      if (!claims) throw new ConcordError('unauthorized', 'not signed in, or the sign-in has ended: sign in again');
      const token = await signToken(tokenSecret, claims, oidc.tokenTtlSeconds);
      sendJson(response, 200, { token, expiresAt: Date.now() + oidc.tokenTtlSeconds * 1000 });
    },

    logout(request: IncomingMessage, response: ServerResponse) {
      response.writeHead(204, { 'Set-Cookie': setCookie(SESSION_COOKIE, '', { path: SESSION_PATH, maxAgeSeconds: 0, secure: secure(request) }), 'Cache-Control': 'no-store' });
      response.end();
    },
  };
}

/** Only a path of this site: never another origin (`//evil.example`, `https://…`). */
function returnTo(raw: string | null): string {
  return raw && raw.length <= MAX_RETURN_TO && /^\/(?![/\\])/.test(raw) ? raw : '/';
}
