import { describe, expect, test } from 'vitest';
import { type Actor, authorize, can } from './policy.js';
import { MembershipRole, Role } from './roles.js';

const actor = (role: Role, memberships: [string, MembershipRole][] = []): Actor => ({
  userId: `user-${role}`,
  municipalityId: 'm1',
  role,
  memberships: new Map(memberships),
});

const resident = actor(Role.RESIDENT);
const official = actor(Role.OFFICIAL);
const staff = actor(Role.STAFF);
const admin = actor(Role.ADMIN);
const owner = actor(Role.RESIDENT, [['org-1', MembershipRole.OWNER]]);
const editor = actor(Role.RESIDENT, [['org-1', MembershipRole.EDITOR]]);
const org1 = { organizationId: 'org-1' };

describe('organisation rules', () => {
  test('members and staff may update; others may not', () => {
    expect([owner, editor, staff, admin].map((a) => can(a, 'organization.update', org1))).toEqual([true, true, true, true]);
    expect([resident, official].map((a) => can(a, 'organization.update', org1))).toEqual([false, false]);
    expect(can(owner, 'organization.update', { organizationId: 'org-2' })).toBe(false);
  });

  test('only owners and staff manage members: an editor may not', () => {
    expect(can(owner, 'organization.manageMembers', org1)).toBe(true);
    expect(can(staff, 'organization.manageMembers', org1)).toBe(true);
    expect(can(editor, 'organization.manageMembers', org1)).toBe(false);
    expect(can(resident, 'organization.manageMembers', org1)).toBe(false);
  });

  test('publishing, archiving and export are for staff and admins only', () => {
    for (const action of ['organization.moderate', 'organization.export'] as const) {
      expect([resident, official, owner, editor, staff, admin].map((a) => can(a, action))).toEqual([false, false, false, false, true, true]);
    }
  });
});

test('only admins assign roles', () => {
  expect([resident, official, staff, admin].map((a) => can(a, 'account.setRole'))).toEqual([false, false, false, true]);
});

test('anonymous callers are refused with UNAUTHENTICATED, signed-in ones with FORBIDDEN', () => {
  expect(can(null, 'organization.register')).toBe(false);
  expect(() => authorize(null, 'organization.register')).toThrow(expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }));
  expect(() => authorize(resident, 'organization.moderate')).toThrow(expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }));
  expect(authorize(staff, 'organization.moderate')).toBe(staff);
});
