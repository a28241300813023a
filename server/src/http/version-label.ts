/**
 * The label of a named version, as `POST /api/docs/:name/versions` accepts it (README): printable
 * text of 1 to 200 characters once trimmed. Labels are shown to every member of the document, so
 * anything that is not text someone can read is refused: control characters (line breaks included),
 * line and paragraph separators, lone surrogates, and the invisible bidi controls that make text
 * display in another order than it is stored ("Trojan Source", CVE-2021-42574). Other format
 * characters stay allowed: emoji need the zero-width joiner.
 */
import { ConcordError } from '../errors.ts';

const MAX_LABEL_CHARS = 200;
const NOT_PRINTABLE = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** The trimmed label, or `bad-request` saying what is wrong with it. */
export function parseVersionLabel(value: unknown): string {
  if (typeof value !== 'string') throw new ConcordError('bad-request', 'label must be a string');
  const label = value.trim();
  if (label.length === 0 || label.length > MAX_LABEL_CHARS) throw new ConcordError('bad-request', `label must be 1 to ${MAX_LABEL_CHARS} characters`);
  const bad = NOT_PRINTABLE.exec(label);
  if (bad) {
    const codePoint = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new ConcordError('bad-request', `label must be printable text without control or bidi characters (found U+${codePoint})`);
  }
  return label;
}
