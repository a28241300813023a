import { describe, expect, it } from 'vitest';
import { activeMention, editedMentions, insertMention, resolveMentions, splitMentions } from '../src/features/channel/mentions.ts';

const bo = { id: 'bo', name: 'Bo Lee' };
const bob = { id: 'u-7', name: 'Bob' };
const ana = { id: 'ana', name: 'Ana' };
const people = [bo, bob, ana];

describe('activeMention', () => {
  it('finds the @query just before the caret', () => {
    expect(activeMention('hi @b', 5)).toEqual({ start: 3, query: 'b' });
    expect(activeMention('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMention('(@an', 4)).toEqual({ start: 1, query: 'an' });
  });

  it('finds none inside an address, after a space, or with the caret elsewhere', () => {
    expect(activeMention('mail ana@example.com', 20)).toBeNull();
    expect(activeMention('@bo done', 8)).toBeNull();
    expect(activeMention('hi @bo', 2)).toBeNull();
    expect(activeMention('no at sign', 10)).toBeNull();
  });
});

describe('insertMention', () => {
  it('replaces the query with the full name and a space, and puts the caret after it', () => {
    expect(insertMention('hi @b', 3, 5, bo)).toEqual({ text: 'hi @Bo Lee ', caret: 11 });
  });

  it('keeps the text after the caret, adds no second space, and leaves the caret past the handle', () => {
    const inserted = insertMention('@b see this', 0, 2, bo);
    expect(inserted).toEqual({ text: '@Bo Lee see this', caret: 8 });
    expect(activeMention(inserted.text, inserted.caret)).toBeNull();
  });
});

describe('resolveMentions', () => {
  it('records a picked person by id, even one the directory does not list', () => {
    const stranger = { id: 'x-1', name: 'Xia Wu' };
    expect(resolveMentions('@Xia Wu please look', [stranger], people, 'ana')).toEqual(['x-1']);
  });

  it('drops a picked person whose handle was deleted from the text', () => {
    expect(resolveMentions('never mind', [bo], people, 'ana')).toEqual([]);
  });

  it('resolves handles typed by hand by full name, id or first name, case-insensitively', () => {
    expect(resolveMentions('@bo and @BOB', [], people, 'ana')).toEqual(['bo', 'u-7']);
    expect(resolveMentions('ask @u-7.', [], people, 'ana')).toEqual(['u-7']);
    expect(resolveMentions('@Bo Lee, hi', [], people, 'ana')).toEqual(['bo']);
  });

  it('mentions nobody for an unknown name, an e-mail address, or the author', () => {
    expect(resolveMentions('@carol hi', [], people, 'ana')).toEqual([]);
    expect(resolveMentions('write to ana@bo.com', [], people, 'u-7')).toEqual([]);
    expect(resolveMentions('@ana note to self', [], people, 'ana')).toEqual([]);
  });

  it('gives a picked person their handle over someone else sharing a first name', () => {
    const boChan = { id: 'bchan', name: 'Bo Chan' };
    expect(resolveMentions('@Bo hi', [boChan], people, 'ana')).toEqual(['bchan']);
  });
});

describe('splitMentions', () => {
  const names = new Map([['bo', 'Bo Lee']]);

  it('highlights the handles of mentioned people only', () => {
    expect(splitMentions('hi @Bo Lee and @carol', ['bo'], names)).toEqual([
      { text: 'hi ', mention: false },
      { text: '@Bo Lee', mention: true },
      { text: ' and @carol', mention: false },
    ]);
  });

  it('highlights nothing in a message that mentions nobody, whatever it looks like', () => {
    expect(splitMentions('hi @Bo Lee', [], names)).toEqual([{ text: 'hi @Bo Lee', mention: false }]);
  });

  it('highlights by id when the name is unknown', () => {
    expect(splitMentions('@u-7!', ['u-7'], new Map())).toEqual([
      { text: '@u-7', mention: true },
      { text: '!', mention: false },
    ]);
  });
});

describe('editedMentions', () => {
  const names = new Map([['bo', 'Bo Lee'], ['u-7', 'Bob'], ['ana', 'Ana']]);

  it('adds the people an edit mentions by hand, and drops those whose handles it took out', () => {
    expect(editedMentions('can @bob and @Bo look', [], names, people, 'ana')).toEqual(['u-7', 'bo']);
    expect(editedMentions('can @Bob look', ['bo', 'u-7'], names, people, 'ana')).toEqual(['u-7']);
  });

  it('keeps a handle naming the person the message mentioned before, even one no longer offered', () => {
    const cy = { id: 'cy', name: 'Bo Cy' };
    // `@Bo` would name Bo Lee by hand; the message had mentioned Bo Cy, who is not in `people` (left the channel).
    expect(editedMentions('thanks @Bo Cy', ['cy'], new Map([...names, ['cy', cy.name]]), people, 'ana')).toEqual(['cy']);
    expect(editedMentions('thanks @Bo', ['cy'], new Map([...names, ['cy', cy.name]]), people, 'ana')).toEqual(['cy']);
  });
});
