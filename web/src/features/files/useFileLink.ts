import { useEffect, useState } from 'react';
import type { UploadedFile } from '../../api/uploadFile.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import { useConnection } from '../../collab/useConnection.ts';

/**
 * A file's description with a signed `url`, once the server has given one; asked again when the
 * connection comes back (offline there is none yet).
 */
export function useFileLink(id: string): { file?: UploadedFile; error?: string } {
  const { files } = useCollab();
  const online = useConnection().status === 'online';
  const [state, setState] = useState<{ file?: UploadedFile; error?: string }>(() => {
    const known = files.peek(id);
    return known ? { file: known } : {};
  });
  useEffect(() => {
    let live = true;
    files.get(id).then(
      (file) => live && setState({ file }),
      (error: Error) => live && setState({ error: error.message }),
    );
    return () => void (live = false);
  }, [files, id, online]);
  return state;
}
