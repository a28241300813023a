import type { Message } from '@concord/shared';

export interface Thread {
  message: Message;
  replies: Message[];
}

/** Messages with their replies under them; a reply whose parent is not in `messages` stands alone. */
export function threads(messages: readonly Message[]): Thread[] {
  const ids = new Set(messages.map((message) => message.id));
  const replies = new Map<string, Message[]>();
  for (const message of messages) {
    if (message.replyTo === undefined || !ids.has(message.replyTo)) continue;
    replies.set(message.replyTo, [...(replies.get(message.replyTo) ?? []), message]);
  }
  return messages
    .filter((message) => message.replyTo === undefined || !ids.has(message.replyTo))
    .map((message) => ({ message, replies: replies.get(message.id) ?? [] }));
}
