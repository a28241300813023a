/**
 * What PostgreSQL's index holds for an entry, and the `tsquery` for a search: the folded words
 * (index.ts) as lexemes taken verbatim, plus each word's first 2 to 6 letters marked with `^`, the
 * way SQLite keeps prefix indexes (sqlite-index.ts). A prefix of that length is then one lexeme
 * looked up in the GIN index; `'vo':*` instead reads the entry list of every word starting with
 * "vo" and took 10 ms and more per query.
 */
import { tokenize } from './index.ts';

const PREFIX_MARK = '^';
const MIN_PREFIX = 2;
const MAX_PREFIX = 6;
/** PostgreSQL's limit for one lexeme; to_tsvector skipped longer words too. */
const MAX_LEXEME_BYTES = 2047;
/**
 * Below PostgreSQL's 1 MB for a whole tsvector (lexemes plus 4 bytes each). An entry so long and
 * so varied that its prefixes do not fit keeps its whole words and prefixes up to the budget.
 */
const MAX_TSVECTOR_BYTES = 900_000;

/** The lexemes of an entry's text, distinct. */
export function entryLexemes(text: string): string[] {
  const words = new Set<string>();
  for (const token of tokenize(text)) if (Buffer.byteLength(token) < MAX_LEXEME_BYTES) words.add(token);
  const lexemes = new Set(words);
  let bytes = 0;
  for (const word of words) bytes += Buffer.byteLength(word) + 4;
  for (const word of words) {
    const letters = Array.from(word);
    for (let n = MIN_PREFIX; n <= Math.min(MAX_PREFIX, letters.length); n += 1) {
      const prefix = PREFIX_MARK + letters.slice(0, n).join('');
      if (lexemes.has(prefix)) continue;
      bytes += Buffer.byteLength(prefix) + 4;
      if (bytes > MAX_TSVECTOR_BYTES) return [...lexemes];
      lexemes.add(prefix);
    }
  }
  return [...lexemes];
}

/** Every word whole and the last one as a prefix; tokens are letters and digits only, safe quoted. */
export function tsqueryOf(tokens: readonly string[]): string {
  return tokens
    .map((token, i) => {
      if (i < tokens.length - 1) return `'${token}'`;
      const length = Array.from(token).length;
      return length >= MIN_PREFIX && length <= MAX_PREFIX ? `'${PREFIX_MARK}${token}'` : `'${token}':*`;
    })
    .join(' & ');
}
