/**
 * Every kind converges: 3–5 replicas run random operations of that kind over a random network
 * (reordering, duplicates, delays, partitions that heal); once everything is delivered, every
 * replica shows the same JSON view and the document still validates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem, addChannel, addInboxItem, appendActivity, appendParagraph, defineForm, deleteMessage, editAgendaItem, editMessage,
  fieldText, isModelError, joinMeeting, leaveMeeting, listAgenda, listChannels, listInboxItems, listMessages, markAllInboxRead,
  markInboxRead, markRead, MEETING_STATUSES, notesContent, postMessage, pruneField, removeAgendaItem, removeChannel, removeFormEntry,
  resolveField, scheduleMeeting, setAgendaItemDone, setChannelMember, setMeetingStatus, setNotesTitle, takeOverflowMessages,
  toggleReaction, updateChannel, upsertFormEntry, upsertMeetingEntry, upsertNotesEntry, validateDocument, viewDocument, writeField,
  meetingNotes, readField, readFormSchema, type DocKind,
} from '../src/index.ts';
import { createNetwork, seedFromFirst } from './support/network.ts';
import { FORM_SCHEMA, randomValue } from './support/form-fixture.ts';
import { caseArb, pick, type DocOp } from './support/ops.ts';

const RUNS_PER_KIND = 1000;
const USERS = ['ana', 'bo', 'cy', 'di'];
const EMOJI = ['👍', '🎉'];

interface KindModel {
  setup(doc: Y.Doc): void;
  apply(doc: Y.Doc, op: DocOp, stepIndex: number): void;
}

const text = (op: DocOp): string => `t${op.a}${op.b}`;

const MODELS: Record<DocKind, KindModel> = {
  workspace: {
    setup: () => {},
    apply(doc, op, i) {
      const channelId = `c${op.a % 4}`;
      const user = USERS[op.b % USERS.length];
      switch (op.which % 9) {
        case 0: return void addChannel(doc, { id: channelId, name: text(op), visibility: (['public', 'private', 'dm'] as const)[op.b % 3], members: [user], createdBy: user, createdAt: i });
        case 1: if (listChannels(doc).some((c) => c.id === channelId)) setChannelMember(doc, channelId, user, op.c % 2 === 0); return;
        case 2: if (listChannels(doc).some((c) => c.id === channelId)) updateChannel(doc, channelId, { topic: text(op) }); return;
        case 3: return void removeChannel(doc, channelId);
        case 4: return void upsertMeetingEntry(doc, { id: `m${op.a % 3}`, title: text(op), scheduledAt: op.b, status: MEETING_STATUSES[op.c % 4] });
        case 5: return void upsertFormEntry(doc, { id: `deal.${op.a % 3}`, title: text(op), entityType: 'deal', entityId: String(op.a % 3) });
        case 6: return void removeFormEntry(doc, `deal.${op.a % 3}`);
        case 7: return void upsertNotesEntry(doc, { id: `n${op.a % 3}`, title: text(op) });
        default: return void appendActivity(doc, { id: `a${i}-${op.replica}`, at: i, userId: user, userName: user, doc: 'acme:form:deal.1', action: 'edit', summary: text(op) }, 4);
      }
    },
  },
  channel: {
    setup: () => {},
    apply(doc, op, i) {
      const messages = listMessages(doc);
      const target = pick(messages, op.a);
      const user = USERS[op.b % USERS.length];
      switch (op.which % 8) {
        case 0:
        case 1: return void postMessage(doc, {
          id: `m${i}-${op.replica}`, text: text(op), authorId: user, authorName: user, createdAt: i,
          replyTo: op.c % 3 === 0 ? target?.id : undefined,
          mentions: op.c % 2 === 0 ? [USERS[op.c % USERS.length]] : undefined,
          attachments: op.c % 5 === 0 ? [{ id: `f${i}`, name: 'a.png', url: '/files/a.png', type: 'image/png', size: op.a }] : undefined,
        });
        case 2: if (target) editMessage(doc, target.id, text(op), i); return;
        case 3: if (target) deleteMessage(doc, target.id, i); return;
        case 4:
        case 5: if (target) toggleReaction(doc, target.id, EMOJI[op.c % EMOJI.length], user); return;
        case 6: if (target) markRead(doc, user, target.id); return;
        default: if (op.replica === 0) takeOverflowMessages(doc, 6); return;
      }
    },
  },
  meeting: {
    setup: (doc) => scheduleMeeting(doc, { title: 'Standup', scheduledAt: 1000, durationMin: 15, createdBy: 'ana' }),
    apply(doc, op, i) {
      const user = USERS[op.b % USERS.length];
      const item = pick(listAgenda(doc), op.a);
      switch (op.which % 8) {
        case 0: return void setMeetingStatus(doc, MEETING_STATUSES[op.a % 4], i);
        case 1: return void joinMeeting(doc, user, user, i);
        case 2: return void leaveMeeting(doc, user, i);
        case 3: return void addAgendaItem(doc, text(op), `g${i}-${op.replica}`);
        case 4: if (item) setAgendaItemDone(doc, item.id, op.c % 2 === 0); return;
        case 5: if (item) editAgendaItem(doc, item.id, text(op)); return;
        case 6: if (item) removeAgendaItem(doc, item.id); return;
        default: {
          const notes = meetingNotes(doc);
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText(text(op))]);
          return void doc.transact(() => notes.insert(op.a % (notes.length + 1), [paragraph]));
        }
      }
    },
  },
  form: {
    setup: (doc) => defineForm(doc, { title: 'Deal', entityType: 'deal', entityId: '1', schema: FORM_SCHEMA }),
    apply(doc, op, i) {
      const author = { id: USERS[op.b % USERS.length], name: USERS[op.b % USERS.length] };
      const field = FORM_SCHEMA[op.a % 4];
      const value = randomValue(field, op.c);
      switch (op.which % 6) {
        case 0:
        case 1: return void writeField(doc, field.name, value, author, { at: op.c % 4, writeId: `w${i}-${op.replica}` });
        case 2: {
          const state = readField(doc, field.name);
          const choice = (['local', 'remote', 'merged'] as const)[op.c % 3];
          const chosen = choice === 'merged' ? value : pick(state.candidates, op.c)?.value ?? value;
          return void resolveField(doc, field.name, { choice, value: chosen }, author, { at: op.c % 4, writeId: `w${i}-${op.replica}` });
        }
        case 3: return void pruneField(doc, field.name);
        case 4: {
          const summary = fieldText(doc, 'summary')!;
          return void summary.insert(op.a % (summary.length + 1), text(op));
        }
        default: {
          const summary = fieldText(doc, 'summary')!;
          if (summary.length > 0) summary.delete(op.a % summary.length, Math.min(op.b % 3 + 1, summary.length - (op.a % summary.length)));
        }
      }
    },
  },
  notes: {
    setup: (doc) => { setNotesTitle(doc, 'Page'); appendParagraph(doc, 'start'); },
    apply(doc, op) {
      const content = notesContent(doc);
      switch (op.which % 4) {
        case 0: return void setNotesTitle(doc, text(op));
        case 1: return void appendParagraph(doc, text(op));
        case 2: case 3: {
          const paragraph = pick(content.toArray(), op.a);
          if (!(paragraph instanceof Y.XmlElement)) return;
          const textNode = paragraph.get(0);
          if (!(textNode instanceof Y.XmlText)) return;
          if (op.which % 4 === 2) textNode.insert(op.b % (textNode.length + 1), text(op));
          else if (textNode.length > 0) textNode.delete(op.b % textNode.length, 1);
        }
      }
    },
  },
  inbox: {
    setup: () => {},
    apply(doc, op, i) {
      const item = pick(listInboxItems(doc), op.a);
      switch (op.which % 3) {
        // Replica 0 plays the server, the only writer of items.
        case 0: if (op.replica === 0) addInboxItem(doc, { id: `i${i}`, kind: (['mention', 'meeting', 'conflict', 'system'] as const)[op.b % 4], text: text(op), doc: 'acme:channel:general', at: i }, 8); return;
        case 1: if (item) markInboxRead(doc, item.id, i); return;
        default: return void markAllInboxRead(doc, i);
      }
    },
  },
};

function tolerate(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    // Refusals (a status move not allowed, a deleted message) are the model working, not failures.
    if (!isModelError(error)) throw error;
  }
}

let casesRun = 0;

describe.each(Object.keys(MODELS) as DocKind[])('a %s document', (kind) => {
  it('ends with the same JSON view on every replica after random operations over a random network', () => {
    const model = MODELS[kind];
    fc.assert(fc.property(caseArb, ({ replicas, seed, steps }) => {
      casesRun++;
      const network = createNetwork(replicas, seed);
      try {
        model.setup(network.docs[0]);
        seedFromFirst(network);
        steps.forEach((step, i) => {
          if (step.t === 'deliver') network.deliver(step.n);
          else if (step.t === 'partition') network.partition(step.mask);
          else if (step.t === 'heal') network.heal();
          else tolerate(() => model.apply(network.docs[step.replica % replicas], step, i + 1));
        });
        network.settle();
        const views = network.docs.map((doc) => JSON.stringify(viewDocument(kind, doc)));
        for (const view of views) expect(view).toBe(views[0]);
        for (const doc of network.docs) expect(validateDocument(kind, doc)).toEqual([]);
        if (kind === 'form') expect(readFormSchema(network.docs[1])).toEqual(FORM_SCHEMA);
      } finally {
        network.destroy();
      }
    }), { numRuns: RUNS_PER_KIND });
  });
});

it('ran at least 1000 generated cases per kind', () => {
  // Reported in the issue note; each describe above runs RUNS_PER_KIND cases.
  expect(casesRun).toBeGreaterThanOrEqual(RUNS_PER_KIND * Object.keys(MODELS).length);
  console.log(`convergence property cases run: ${casesRun}`);
});
