import type { ReactNode } from 'react';

/** Lowercase, accents removed: how the server compares words (README "Search"). */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

export function queryWords(q: string): string[] {
  return fold(q).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** `text` with the words that match the query (the last one as a prefix) marked. */
export function Highlighted({ text, words }: { text: string; words: readonly string[] }): ReactNode {
  const last = words[words.length - 1];
  const parts: ReactNode[] = [];
  let from = 0;
  for (const match of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const word = fold(match[0]);
    if (!(words.includes(word) || (last !== undefined && word.startsWith(last)))) continue;
    parts.push(text.slice(from, match.index), <mark key={match.index}>{match[0]}</mark>);
    from = match.index + match[0].length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}
