/** PostgreSQL's lexemes: words whole, their first 2–6 letters as one lexeme, and the tsquery for them. */
import { describe, expect, it } from 'vitest';
import { entryLexemes, tsqueryOf } from '../../src/search/postgres-lexemes.ts';

describe('PostgreSQL search lexemes', () => {
  it('keeps each folded word and its prefixes of 2 to 6 letters, counted in letters, once', () => {
    expect(entryLexemes('Éclair a éclairage').sort()).toEqual(
      ['a', 'eclair', 'eclairage', '^ec', '^ecl', '^ecla', '^eclai', '^eclair'].sort(),
    );
    expect(entryLexemes('日本語の文')).toEqual(['日本語の文', '^日本', '^日本語', '^日本語の', '^日本語の文']);
    expect(entryLexemes('')).toEqual([]);
  });

  it('leaves out words PostgreSQL cannot hold, and prefixes past the size of a tsvector', () => {
    expect(entryLexemes(`ok ${'x'.repeat(3000)}`)).toEqual(['ok', '^ok']);
    // 60,000 different words of 7 letters: the words fit, not all of their prefixes.
    const words = Array.from({ length: 60_000 }, (_, i) => `w${i.toString(36).padStart(6, '0')}`);
    const lexemes = entryLexemes(words.join(' '));
    expect(lexemes.slice(0, words.length)).toEqual(words);
    const bytes = lexemes.reduce((sum, l) => sum + Buffer.byteLength(l) + 4, 0);
    expect(bytes).toBeLessThanOrEqual(900_000);
    expect(lexemes.length).toBeGreaterThan(words.length);
  });

  it('asks for every word whole and the last as a prefix: one lexeme for 2–6 letters, else a prefix match', () => {
    expect(tsqueryOf(['lunch', 'northw'])).toBe("'lunch' & '^northw'");
    expect(tsqueryOf(['northwi'])).toBe("'northwi':*");
    expect(tsqueryOf(['a', 'b'])).toBe("'a' & 'b':*");
  });
});
