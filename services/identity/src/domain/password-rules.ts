import { randomInt } from 'node:crypto';
import { badInput } from '@yinqi/errors';

/** The new password rules of changePassword (contract): 10…128, not the old one, not the email's local part. */
export function checkNewPassword(email: string, oldPassword: string, newPassword: string): void {
  if (newPassword.length < 10 || newPassword.length > 128) throw badInput('newPassword: 10 to 128 characters', { field: 'newPassword' });
  if (newPassword === oldPassword) throw badInput('newPassword: must differ from the old one', { field: 'newPassword' });
  const local = email.split('@')[0]!.toLowerCase();
  if (local.length > 0 && newPassword.toLowerCase().includes(local))
    throw badInput('newPassword: must not contain your email name', { field: 'newPassword' });
}

// No 0/O, 1/l/I: a temporary password is read off a screen and typed in by someone else.
const TEMP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
const TEMP_LENGTH = 16;

/** A random temporary password (临时密码), 16 characters (~92 bits), never stored in clear. */
export function temporaryPassword(): string {
  return Array.from({ length: TEMP_LENGTH }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join('');
}
