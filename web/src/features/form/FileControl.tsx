import { isInlineImageType, type FieldValue } from '@concord/shared';
import { useRef, useState } from 'react';
import { uploadFile } from '../../api/uploadFile.ts';
import { useCollab } from '../../collab/CollabContext.ts';
import { FileCard } from '../files/FileCard.tsx';
import { formatBytes } from '../files/formatBytes.ts';
import { useFileLink } from '../files/useFileLink.ts';

/**
 * A `file` field: the file uploaded through `/api/files`, its id as the value; an image shows
 * inline, anything else as a card that downloads. Viewers see it and cannot upload.
 */
export function FileControl({ value, readOnly, label, onChange, control }: {
  value: FieldValue;
  readOnly: boolean;
  label: string;
  onChange: (value: FieldValue) => void;
  control: { id: string; onFocus: () => void; onBlur: () => void; 'aria-describedby': string };
}) {
  const { token } = useCollab();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ sent: number; size: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File) {
    setError(null);
    setProgress({ sent: 0, size: file.size });
    try {
      const uploaded = await uploadFile(await token(), file, file.name, (sent) => setProgress({ sent, size: file.size }));
      onChange(uploaded.id);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <div className="file-control">
      {typeof value === 'string' && value !== '' ? <FilePreview id={value} /> : <p className="muted small">No file</p>}
      {!readOnly && (
        <div className="file-control-actions">
          <input
            ref={input}
            {...control}
            type="file"
            aria-label={`Upload ${label}`}
            disabled={progress !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          {typeof value === 'string' && value !== '' && (
            <button type="button" className="link-button" onClick={() => onChange(null)}>
              Remove
            </button>
          )}
        </div>
      )}
      {progress && (
        <p className="muted small" role="status">
          Uploading… {formatBytes(progress.sent)} of {formatBytes(progress.size)}
        </p>
      )}
      {error && (
        <p className="error-text small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function FilePreview({ id }: { id: string }) {
  const { file, error } = useFileLink(id);
  if (file && isInlineImageType(file.type)) {
    return (
      <a className="attachment-image" href={file.url} target="_blank" rel="noopener noreferrer" title={file.name}>
        <img src={file.url} alt={file.name} data-testid="field-file-image" />
      </a>
    );
  }
  if (!file) return <p className="muted small">{error ? 'The file is not available now.' : 'Loading the file…'}</p>;
  return <FileCard name={file.name} size={file.size} type={file.type} href={file.url} />;
}
