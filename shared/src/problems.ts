/**
 * Validators are pure and return problems; the caller (server guard, UI, test) decides what to refuse.
 * `path` points into the document, e.g. `messages[3].reactions`.
 */
export interface Problem {
  code: string;
  path: string;
  message: string;
}

export function problem(code: string, path: string, message: string): Problem {
  return { code, path, message };
}
