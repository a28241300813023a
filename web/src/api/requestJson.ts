/**
 * The document HTTP API (README "HTTP"): JSON with the session's Bearer token. A refusal arrives as
 * `{error, message}` and is thrown as an ApiError carrying that code.
 */

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function requestJson<T>(token: string, path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('offline', 'The server cannot be reached. Check your connection and try again.');
  }
  const body = (await response.json().catch(() => null)) as { error?: unknown; message?: unknown } | null;
  if (!response.ok) {
    const code = typeof body?.error === 'string' ? body.error : `http-${response.status}`;
    throw new ApiError(code, typeof body?.message === 'string' ? body.message : `The server answered ${response.status}.`);
  }
  return body as T;
}

/** `/api/docs/<name>/<rest…>` with each part encoded. */
export function docPath(name: string, ...rest: string[]): string {
  return ['/api/docs', name, ...rest].map((part, i) => (i === 0 ? part : encodeURIComponent(part))).join('/');
}
