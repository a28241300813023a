/**
 * Just enough of a browser for sign-in flows in Node tests: a cookie jar per host (cookies do not
 * care about ports, as in browsers), redirects followed one hop at a time so a test can stop at any
 * of them, and HTML forms posted as a browser would.
 */

export interface Hop {
  url: string;
  status: number;
  location?: string;
  setCookies: string[];
  body: string;
}

interface StoredCookie {
  value: string;
  path: string;
  expires?: number;
}

export interface CookieBrowser {
  /** One request; cookies are sent and stored, redirects are not followed. */
  request(url: string, init?: { method?: string; form?: Record<string, string>; headers?: Record<string, string> }): Promise<Hop>;
  /** Follows redirects from `url` until a response that is not one, or until `stop` says so. */
  follow(url: string, stop?: (hop: Hop) => boolean): Promise<Hop[]>;
  /** Posts the first form on the page with these fields (plus the form's own hidden ones and the button's name=value). */
  submit(hop: Hop, fields: Record<string, string>, button?: { name: string; value: string }, stop?: (hop: Hop) => boolean): Promise<Hop[]>;
  cookie(host: string, name: string): string | undefined;
  setCookie(host: string, name: string, value: string, path?: string): void;
  deleteCookie(host: string, name: string): void;
}

export function createCookieBrowser(): CookieBrowser {
  const jar = new Map<string, Map<string, StoredCookie>>();

  const cookiesOf = (host: string) => {
    let cookies = jar.get(host);
    if (!cookies) jar.set(host, (cookies = new Map()));
    return cookies;
  };

  function store(url: URL, header: string) {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const at = pair!.indexOf('=');
    const name = pair!.slice(0, at);
    const value = pair!.slice(at + 1);
    const cookie: StoredCookie = { value, path: '/' };
    for (const attribute of attributes) {
      const [key, val = ''] = attribute.split('=');
      const lower = key!.toLowerCase();
      if (lower === 'path') cookie.path = val;
      if (lower === 'max-age') cookie.expires = Date.now() + Number(val) * 1000;
      if (lower === 'expires' && cookie.expires === undefined) cookie.expires = Date.parse(val);
    }
    if (cookie.expires !== undefined && cookie.expires <= Date.now()) cookiesOf(url.hostname).delete(name);
    else cookiesOf(url.hostname).set(name, cookie);
  }

  function header(url: URL): string {
    const now = Date.now();
    return [...cookiesOf(url.hostname)]
      .filter(([, c]) => url.pathname.startsWith(c.path) && (c.expires === undefined || c.expires > now))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  async function request(raw: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Hop> {
    const url = new URL(raw);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = header(url);
    if (cookie) headers.cookie = cookie;
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    const setCookies = response.headers.getSetCookie();
    setCookies.forEach((h) => store(url, h));
    const location = response.headers.get('location');
    return { url: url.href, status: response.status, ...(location ? { location: new URL(location, url).href } : {}), setCookies, body: await response.text() };
  }

  async function follow(url: string, stop?: (hop: Hop) => boolean, first?: Hop): Promise<Hop[]> {
    const hops: Hop[] = [];
    let hop = first ?? (await request(url));
    for (;;) {
      hops.push(hop);
      if (!hop.location || hop.status < 300 || hop.status >= 400 || stop?.(hop) || hops.length > 20) return hops;
      hop = await request(hop.location);
    }
  }

  return {
    request,
    follow: (url, stop) => follow(url, stop),
    async submit(hop, fields, button, stop) {
      const action = /<form[^>]*action="([^"]*)"/.exec(hop.body)?.[1];
      if (!action) throw new Error(`no form on ${hop.url}:\n${hop.body.slice(0, 500)}`);
      const hidden = Object.fromEntries([...hop.body.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      const target = new URL(action, hop.url).href;
      const posted = await request(target, { form: { ...hidden, ...fields, ...(button ? { [button.name]: button.value } : {}) } });
      return follow(target, stop, posted);
    },
    cookie: (host, name) => jar.get(host)?.get(name)?.value,
    setCookie: (host, name, value, path = '/') => void cookiesOf(host).set(name, { value, path }),
    deleteCookie: (host, name) => void jar.get(host)?.delete(name),
  };
}
