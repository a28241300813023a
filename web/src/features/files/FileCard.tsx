import { formatBytes } from './formatBytes.ts';

/** A file that is not shown inline: its name and size, a download link once one is available. */
export function FileCard({ name, size, type, href, note }: { name: string; size: number; type: string; href?: string | undefined; note?: string | undefined }) {
  const body = (
    <>
      <span className="file-card-icon" aria-hidden="true">
        {extensionOf(name, type)}
      </span>
      <span className="file-card-text">
        <span className="file-card-name">{name}</span>
        <span className="muted small">
          {formatBytes(size)}
          {note ? ` · ${note}` : ''}
        </span>
      </span>
    </>
  );
  return href ? (
    <a className="file-card" data-testid="file-card" href={href} download={name} title={`Download ${name}`}>
      {body}
    </a>
  ) : (
    <span className="file-card" data-testid="file-card" aria-disabled="true">
      {body}
    </span>
  );
}

function extensionOf(name: string, type: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1) : type.split('/')[1] ?? 'file';
  return extension.slice(0, 4).toUpperCase();
}
