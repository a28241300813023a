/**
 * Which media type a file is served as, and whether inline (README, Files). Only PNG, JPEG, GIF and
 * WebP are shown inline, and only when the bytes really are one: a page claiming to be `image/png`
 * is recorded as `application/octet-stream` and downloaded, never rendered. SVG is not an inline
 * type (it can carry script).
 */
import { isInlineImageType, type InlineImageType } from '@concord/shared';

export const OCTET_STREAM = 'application/octet-stream';

// RFC 6838 restricted names: type/subtype, no parameters kept.
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The `Content-Type` header's type/subtype in lower case, or octet-stream when absent or malformed. */
export function declaredType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return MEDIA_TYPE.test(type) ? type : OCTET_STREAM;
}

/** The image format the leading bytes show, if any of the inline ones. */
export function sniffImage(head: Uint8Array): InlineImageType | null {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte);
  const ascii = (offset: number, text: string) => [...text].every((c, i) => head[offset + i] === c.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return null;
}

/**
 * The type to record: the format the bytes show when it is an inline image (whatever was declared:
 * a mislabelled JPEG still previews); a declared image type the bytes do not bear out becomes
 * octet-stream; anything else as declared.
 */
export function resolveType(declared: string, head: Uint8Array): string {
  const sniffed = sniffImage(head);
  if (sniffed) return sniffed;
  return isInlineImageType(declared) ? OCTET_STREAM : declared;
}
