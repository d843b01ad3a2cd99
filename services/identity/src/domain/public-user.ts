import type { AuthPayloadDto, InstitutionDto, UserDto } from '@yinqi/contracts';
import type { Institution, User } from './records';

/** What the API shows of an account (contract: User with the accounts extension's fields). */
export type PublicUser = UserDto;
export type AuthPayload = AuthPayloadDto;

export const publicUser = (
  u: Pick<User, '_id' | 'email' | 'role' | 'orgId'> & Partial<Pick<User, 'disabled' | 'mustChangePassword' | 'lastLoginAt'>>,
  lockedUntil: Date | null = null,
): PublicUser => ({
  id: u._id,
  email: u.email,
  role: u.role,
  orgId: u.orgId,
  disabled: u.disabled === true,
  mustChangePassword: u.mustChangePassword === true,
  lockedUntil: lockedUntil?.toISOString() ?? null,
  lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
});

export const publicInstitution = (i: Institution): InstitutionDto => ({ id: i._id, kind: i.kind, name: i.name });
