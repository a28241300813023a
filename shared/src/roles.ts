/**
 * The roles a token carries (docs/PROTOCOL.md, "Authentication"): viewers read; editors and admins
 * also write. The server refuses a viewer's updates; the web client hides what would write.
 */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}
