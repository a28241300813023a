import type { Message } from '@concord/shared';
import { docPath, requestJson } from '../../api/requestJson.ts';

/** One page of a channel's archive (README "HTTP"), newest first; no `before` means the newest. */
export async function fetchArchivePage(token: string, channelName: string, page: { before?: string; limit: number }): Promise<Message[]> {
  const query = new URLSearchParams({ limit: String(page.limit), ...(page.before ? { before: page.before } : {}) });
  const body = await requestJson<{ messages: Message[] }>(token, `${docPath(channelName, 'archive')}?${query}`);
  return body.messages;
}
