import type { ChannelEntry, Person } from '@concord/shared';

/** A conversation is named by the other people in it ("Bo", "Bo, Cy"); with only oneself, "You". */
export function dmTitle(entry: ChannelEntry, people: ReadonlyMap<string, Person>, myId: string): string {
  const others = entry.members.filter((id) => id !== myId).map((id) => people.get(id)?.name ?? id);
  return others.length > 0 ? others.sort((a, b) => a.localeCompare(b)).join(', ') : 'You';
}
