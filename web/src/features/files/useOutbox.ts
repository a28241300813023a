import { useSyncExternalStore } from 'react';
import type { OutboxItem } from '../../collab/outbox.ts';
import { useCollab } from '../../collab/CollabContext.ts';

/** Messages of one channel waiting for their attachments to upload, oldest first. */
export function useOutbox(channel: string): OutboxItem[] {
  const { outbox } = useCollab();
  const items = useSyncExternalStore(outbox.subscribe, outbox.items);
  return items.filter((item) => item.post.channel === channel);
}
