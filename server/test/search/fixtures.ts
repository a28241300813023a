/** Documents of every searchable kind, written through real providers, and a search client. */
import { addAgendaItem, addChannel, appendParagraph, defineForm, postMessage, scheduleMeeting, setNotesTitle, writeField } from '@concord/shared';
import type { TestClient } from '../helpers/client.ts';
import { signToken, type TestClaims } from '../helpers/tokens.ts';

export interface SearchResponse {
  status: number;
  body: { results?: Array<{ doc: string; kind: string; title: string; anchor?: string; snippet: string; at: number }>; next?: string; error?: string };
}

export async function search(url: string, token: string | undefined, params: Record<string, string>): Promise<SearchResponse> {
  const response = await fetch(`${url}/api/search?${new URLSearchParams(params).toString()}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as SearchResponse['body'] };
}

export const tokenFor = (sub: string, org = 'acme', role: TestClaims['role'] = 'editor') => signToken({ sub, org, role, name: sub });

type Open = (name: string, sub: string, org?: string) => Promise<TestClient>;

/** Writes the sample documents of org acme (and one of globex) and waits for each to be acknowledged. */
export async function writeSamples(open: Open): Promise<{ generalMessage: string; secretMessage: string; teamMessage: string; dmMessage: string }> {
  const workspace = await open('acme:workspace:main', 'alice');
  addChannel(workspace.doc, { id: 'general', name: 'general', visibility: 'public', createdBy: 'alice' });
  addChannel(workspace.doc, { id: 'secret', name: 'secret', visibility: 'private', members: ['alice'], createdBy: 'alice' });
  addChannel(workspace.doc, { id: 'dm.alice.carol', name: 'Alice, Carol', visibility: 'dm', members: ['alice', 'carol'], createdBy: 'alice' });
  addChannel(workspace.doc, { id: 'team', name: 'team', visibility: 'private', members: ['alice', 'bob'], createdBy: 'alice' });
  await workspace.acknowledged();
  const post = async (channel: string, text: string) => {
    const client = await open(`acme:channel:${channel}`, 'alice');
    const message = postMessage(client.doc, { text, authorId: 'alice', authorName: 'Alice' });
    await client.acknowledged();
    return message.id;
  };
  const generalMessage = await post('general', 'Lunch with Northwind about the Café renewal');
  const secretMessage = await post('secret', 'Northwind secret pricing');
  const teamMessage = await post('team', 'Northwind team plan');
  const dmMessage = await post('dm.alice.carol', 'Private gecko question');

  const notes = await open('acme:notes:plan', 'alice');
  setNotesTitle(notes.doc, 'Quarterly plan');
  appendParagraph(notes.doc, 'Zebra crossing near the office');
  await notes.acknowledged();

  const meeting = await open('acme:meeting:kickoff', 'alice');
  scheduleMeeting(meeting.doc, { title: 'Kickoff Orion', scheduledAt: Date.now() + 3_600_000, durationMin: 30, createdBy: 'alice' });
  addAgendaItem(meeting.doc, 'Budget review');
  await meeting.acknowledged();

  const form = await open('acme:form:deal.42', 'alice');
  defineForm(form.doc, { title: 'Deal 42', entityType: 'deal', entityId: '42', schema: [{ name: 'company', label: 'Company', type: 'string' }] });
  writeField(form.doc, 'company', 'Globex Ünited', { id: 'alice', name: 'Alice' });
  await form.acknowledged();

  const other = await open('globex:channel:general', 'gina', 'globex');
  postMessage(other.doc, { text: 'Northwind at globex', authorId: 'gina', authorName: 'Gina' });
  await other.acknowledged();
  return { generalMessage, secretMessage, teamMessage, dmMessage };
}
