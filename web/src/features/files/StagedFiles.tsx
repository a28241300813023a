import { LocalFile } from './LocalFile.tsx';

/** Files chosen for the next message, each with a way to take it out again. */
export function StagedFiles({ files, onRemove }: { files: readonly File[]; onRemove: (index: number) => void }) {
  if (files.length === 0) return null;
  return (
    <ul className="staged-files" aria-label="Files to send">
      {files.map((file, index) => (
        <li key={`${index}-${file.name}-${file.size}`} data-testid="staged-file">
          <LocalFile blob={file} name={file.name} type={file.type} size={file.size} />
          <button type="button" className="icon-button" aria-label={`Remove ${file.name}`} onClick={() => onRemove(index)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
