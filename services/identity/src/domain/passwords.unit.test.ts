import { checkNewPassword, temporaryPassword } from './password-rules';

describe('new password rules (changePassword)', () => {
  const email = 'li.wei@bank.example';
  it.each([
    ['shorter than 10 characters', 'short-pw1'],
    ['longer than 128 characters', 'x'.repeat(129)],
    ['the old password again', 'the-old-password-1'],
    ["containing the email's local part, in any case", 'My-LI.WEI-password'],
  ])('refuses one %s with BAD_USER_INPUT', (_what, pw) => {
    expect(() => checkNewPassword(email, 'the-old-password-1', pw)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
  it('accepts 10 and 128 characters', () => {
    expect(() => checkNewPassword(email, 'the-old-password-1', 'a'.repeat(10))).not.toThrow();
    expect(() => checkNewPassword(email, 'the-old-password-1', 'a'.repeat(128))).not.toThrow();
  });
});

describe('temporary password (resetPassword)', () => {
  it('is at least 12 characters, without look-alike characters, and different each time', () => {
    const seen = new Set(Array.from({ length: 200 }, () => temporaryPassword()));
    expect(seen.size).toBe(200);
    for (const p of seen) {
      expect(p.length).toBeGreaterThanOrEqual(12);
      expect(p).not.toMatch(/[0O1lI]/);
    }
  });
});
