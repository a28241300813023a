/**
 * A real OpenID Connect provider for tests: `oidc-provider` (a certified implementation) on a free
 * loopback port, with test users who sign in with a password on its own login page and then allow
 * Concord on a consent page. Nothing of the flow is imitated; only the users are made up.
 *
 * The provider is built once the redirect URIs are known (`allowRedirect`), because the Concord
 * server it sends people back to listens on port 0 and needs the issuer before it starts.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

export interface TestUser {
  password: string;
  claims: Record<string, unknown>;
}

/** Claim names the tests configure Concord with (OIDC_ROLE_CLAIM, OIDC_ORG_CLAIM). */
export const ROLE_CLAIM = 'concord_role';
export const ORG_CLAIM = 'team';

export const TEST_USERS: Record<string, TestUser> = {
  ana: { password: 'ana-password', claims: { name: 'Ana Editor', email: 'ana@example.test', picture: 'https://avatars.example.test/ana.png', [ROLE_CLAIM]: 'editor', [ORG_CLAIM]: 'acme' } },
  bo: { password: 'bo-password', claims: { name: 'Bo Editor', [ROLE_CLAIM]: 'editor', [ORG_CLAIM]: 'acme' } },
  vic: { password: 'vic-password', claims: { name: 'Vic Viewer', email: 'vic@example.test', [ROLE_CLAIM]: 'viewer', [ORG_CLAIM]: 'acme' } },
  ada: { password: 'ada-password', claims: { name: 'Ada Admin', [ROLE_CLAIM]: ['staff', 'admin'], [ORG_CLAIM]: 'globex' } },
  // A subject Concord cannot use as a user id as it is, and no role claim at all.
  'pat|42': { password: 'pat-password', claims: { preferred_username: 'pat', [ORG_CLAIM]: 'acme' } },
};

export interface TestIdp {
  /** `http://localhost:<port>`: another site than the Concord server on 127.0.0.1, as in production. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers redirect URIs of Concord servers (builds the provider on first call). */
  allowRedirect(...uris: string[]): void;
  close(): Promise<void>;
}

export interface TestIdpOptions {
  users?: Record<string, TestUser>;
  /** Host name in the issuer; `localhost` by default (a different site than 127.0.0.1). */
  host?: string;
}

export async function startTestIdp(options: TestIdpOptions = {}): Promise<TestIdp> {
  const users = options.users ?? TEST_USERS;
  const clientId = 'concord';
  const clientSecret = randomBytes(24).toString('base64url');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-key' };
  const cookieKeys = [randomBytes(32).toString('hex')];
  const redirectUris: string[] = [];
  let provider: Provider | undefined;
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;

  const server = createServer((req, res) => {
    if (!provider || !handler) {
      res.writeHead(503).end('no client registered yet');
      return;
    }
    if (req.url?.startsWith('/interaction/')) {
      interaction(provider, users, req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
      });
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${options.host ?? 'localhost'}:${port}`;

  function build() {
    const configuration: Configuration = {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [...redirectUris],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      async findAccount(_ctx, id) {
        const user = users[id];
        if (!user) return undefined;
        return { accountId: id, claims: async () => ({ sub: id, ...user.claims }) };
      },
      claims: {
        openid: ['sub'],
        profile: ['name', 'preferred_username', 'picture', ROLE_CLAIM, ORG_CLAIM],
        email: ['email'],
      },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      jwks: { keys: [signingKey] },
      cookies: { keys: cookieKeys },
      pkce: { required: () => true },
      ttl: { Grant: 3600, Session: 3600, Interaction: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    };
    provider = new Provider(issuer, configuration);
    handler = provider.callback();
  }

  return {
    issuer,
    clientId,
    clientSecret,
    allowRedirect(...uris) {
      redirectUris.push(...uris);
      build();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The provider's own pages: a password login, then consent for Concord. */
async function interaction(provider: Provider, users: Record<string, TestUser>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const { uid, prompt, params } = details;
  if (req.method === 'GET') {
    page(res, 200, prompt.name === 'login' ? loginForm(uid) : consentForm(uid, String(params.scope ?? '')));
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  if (prompt.name === 'login') {
    const username = form.get('username') ?? '';
    const user = users[username];
    if (!user || user.password !== form.get('password')) {
      page(res, 401, loginForm(uid, 'Wrong username or password.'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
    return;
  }
  if (form.get('decision') !== 'allow') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'the user declined' }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session!.accountId, clientId: String(params.client_id) });
  if (!grant) throw new Error('the grant is gone');
  const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

function loginForm(uid: string, error?: string): string {
  return `<h1>Test identity provider</h1>
<form method="post" action="/interaction/${uid}">
  ${error ? `<p role="alert">${error}</p>` : ''}
  <label>Username <input name="username" autocomplete="username" autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password"></label>
  <button type="submit">Log in</button>
</form>`;
}

function consentForm(uid: string, scope: string): string {
  return `<h1>Allow Concord?</h1>
<p>Concord asks for: ${scope.replace(/[^a-z_ ]/gi, '')}</p>
<form method="post" action="/interaction/${uid}">
  <button type="submit" name="decision" value="allow">Allow</button>
  <button type="submit" name="decision" value="deny">Deny</button>
</form>`;
}

function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>Test IdP</title></head><body>${body}</body></html>`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
