/**
 * File names (README, Files): a name is only ever metadata, never a path on disk. Directory parts
 * are dropped (`../../etc/passwd` is `passwd`); control characters and bidirectional overrides
 * (which make `evil‮fdp.exe` read as `evil exe.pdf`) are refused. In the `Content-Disposition`
 * header the name goes as RFC 5987 `filename*` with a plain ASCII `filename` beside it.
 */
import { ConcordError } from '../errors.ts';

export const MAX_FILE_NAME_LENGTH = 255;

// C0, DEL, C1 controls, the bidirectional embedding, override and isolate characters, and lone
// surrogates (not text, and no header can carry them).
const REFUSED = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

export function parseFileName(raw: string | null): string {
  if (raw === null || raw.trim() === '') throw new ConcordError('bad-request', 'name: a file name is required (?name=…)');
  if (REFUSED.test(raw)) throw new ConcordError('bad-request', 'name: control characters are not allowed in a file name');
  const name = raw.normalize('NFC').split(/[/\\]/).pop()!.trim();
  if (name === '' || name === '.' || name === '..') throw new ConcordError('bad-request', 'name: the file name has no name after its directories');
  if ([...name].length > MAX_FILE_NAME_LENGTH) throw new ConcordError('bad-request', `name: at most ${MAX_FILE_NAME_LENGTH} characters`);
  return name;
}

/** `inline` or `attachment` with the name both as ASCII (`filename`) and UTF-8 (`filename*`). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Percent-encodes everything outside RFC 5987's attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
