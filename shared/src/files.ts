/**
 * Files as documents refer to them (README, Files): a chat attachment keeps the file's stable
 * `/api/files/<id>` as its `url`; clients ask for a signed link to show it. Only these image types
 * are shown inline; a message whose attachments are all such images is of kind `image`.
 */

export const INLINE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type InlineImageType = (typeof INLINE_IMAGE_TYPES)[number];

export function isInlineImageType(type: string): type is InlineImageType {
  return (INLINE_IMAGE_TYPES as readonly string[]).includes(type);
}

/** The stable address of a file, as a message's attachment `url`. */
export function filePath(id: string): string {
  return `/api/files/${encodeURIComponent(id)}`;
}
