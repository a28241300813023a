import { addChannel, listChannels, MAX_CHANNEL_NAME_LENGTH, MAX_CHANNEL_TOPIC_LENGTH } from '@concord/shared';
import { useState } from 'react';
import { NewEntryDialog } from '../../app/NewEntryDialog.tsx';
import { navigate } from '../../app/route.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import type { DocumentState } from '../../collab/documentRegistry.ts';
import { uniqueSlug } from '../workspace/slug.ts';

export function NewChannelButton({ workspace }: { workspace: DocumentState }) {
  const { session } = useCollab();
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');

  function create() {
    const taken = new Set(listChannels(workspace.doc).map((c) => c.id));
    const id = uniqueSlug(name, taken, 'channel');
    addChannel(workspace.doc, { id, name: name.trim(), topic: topic.trim(), visibility, members: [session.user.id], createdBy: session.user.id });
    setName('');
    setTopic('');
    navigate({ screen: 'channel', id });
  }

  return (
    <NewEntryDialog label="New channel" title="New channel" submitLabel="Create channel" onCreate={create}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={MAX_CHANNEL_NAME_LENGTH} autoFocus />
      </label>
      <label>
        Topic
        <input value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={MAX_CHANNEL_TOPIC_LENGTH} />
      </label>
      <label>
        Visibility
        <select value={visibility} onChange={(e) => setVisibility(e.target.value as 'public' | 'private')}>
          <option value="public">Public — everyone in the org</option>
          <option value="private">Private — invited members</option>
        </select>
      </label>
    </NewEntryDialog>
  );
}
