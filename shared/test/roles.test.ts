import { describe, expect, it } from 'vitest';
import { canWrite, isRole, ROLES } from '../src/index.ts';

describe('roles', () => {
  it('lets editors and admins write, and viewers only read', () => {
    expect(ROLES.filter(canWrite)).toEqual(['editor', 'admin']);
  });

  it('recognises exactly the three roles a token may carry', () => {
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const other of ['owner', 'Viewer', '', undefined, null, 1]) expect(isRole(other)).toBe(false);
  });
});
