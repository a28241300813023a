import type { XmlNodeJSON } from '@concord/shared';
import type { ReactNode } from 'react';

/**
 * The JSON view of rich text (the editor's node names, plain text inside) drawn as read-only HTML
 * in the editor's own styles. Formatting marks are not part of the view, so they are not shown.
 */
export function ReadOnlyRichText({ content, label }: { content: XmlNodeJSON[]; label: string }) {
  return (
    <div className="rich-text read-only" role="document" aria-label={label}>
      {content.length === 0 ? <p className="muted">This version is empty.</p> : content.map(renderNode)}
    </div>
  );
}

function renderNode(node: XmlNodeJSON, key: number): ReactNode {
  if (node.type === 'text') return node.text ?? '';
  const children = (node.children ?? []).map(renderNode);
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{children}</p>;
    case 'heading': {
      const level = Math.min(Math.max(Number(node.attrs?.level) || 1, 1), 6);
      const Heading = `h${level}` as 'h1';
      return <Heading key={key}>{children}</Heading>;
    }
    case 'bulletList':
      return <ul key={key}>{children}</ul>;
    case 'orderedList':
      return <ol key={key}>{children}</ol>;
    case 'listItem':
      return <li key={key}>{children}</li>;
    case 'blockquote':
      return <blockquote key={key}>{children}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children}</code>
        </pre>
      );
    case 'horizontalRule':
      return <hr key={key} />;
    case 'hardBreak':
      return <br key={key} />;
    default:
      return <div key={key}>{children}</div>;
  }
}
