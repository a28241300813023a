/**
 * The change rules: who may change what once a part of a document exists. A shape names the rule
 * that applies inside a map or sequence; the server carries each out (server/src/guards/rules/)
 * with the connection's identity and the live document. Each is stated here once, in words, for
 * the shapes, for docs/PROTOCOL.md and for anyone writing another client.
 */
export const RULES = {
  'append-only': 'entries are appended; no client removes one',
  'own-keys': 'keys are user ids, and each user writes or removes only their own entry',
  message:
    'a new message carries every required key and is not a system message (those are the server’s); ' +
    'afterwards only its author changes it, and only text, editedAt, deletedAt and attachments',
  reactions: 'a reaction is removed user by user, never an emoji as a whole',
  'directory-entries': 'editors add entries; removing one, or setting a channel over one unseen, is an admin’s decision',
  'channel-entry': 'once a channel exists, createdBy, createdAt and members stay; only admins change its visibility',
  'channel-members': 'members are chosen when the channel is made; afterwards admins manage them, and anyone may leave',
  'meeting-meta':
    'createdBy is set once; status is never removed, starts as scheduled and moves only as allowed ' +
    '(scheduled→active or ended, active↔paused, active or paused→ended)',
  participants: 'participants are never removed, and nobody adds a participant who is already there',
  participant: 'a participant entry is its user’s own (join, leave); another editor may only create one as an invitation (name, invitedBy)',
  'record-types':
    'only admins write record types; a type is never removed, and a new version keeps every field with its type ' +
    '(and a link its target): fields are hidden, not removed',
  'form-meta':
    'the schema is never removed, and a new schema keeps every field with its type (and a link its target), so ' +
    'every value written stays readable',
  'form-fields': 'a field’s nested map of writes is made with the form’s first schema and never replaced or removed',
  'form-writes':
    'a write (in `fields.<name>`, or in the root `field:<name>`) is its writer’s own (by), for a value field <name> of ' +
    'the schema, with a value the field’s definition accepts; ' +
    'it never changes once made, and only superseded writes may be pruned',
  'form-texts': 'a free-text field’s nested Text is made with the form’s first schema, for a field of type text, and never replaced or removed',
  'form-text': 'the root Text `text:<name>` holds the free text of <name>, a field of type text of the schema',
  'inbox-items': 'only the server adds or removes inbox items',
  'inbox-item': 'the owner may only set readAt, once',
} as const;

export type RuleName = keyof typeof RULES;
