import { idIssuedAt, idIssuedWithin, newId } from './ids';

describe('aggregate ids (UUID version 7)', () => {
  it('have the UUID shape, version 7, and carry the time they were issued', () => {
    const at = Date.UTC(2026, 11, 2, 8, 30);
    const id = newId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idIssuedAt(id)).toBe(at);
    expect(new Set(Array.from({ length: 1_000 }, () => newId(at))).size).toBe(1_000);
  });

  it('tell a moment-old id from an old one, a v4 UUID or anything else', () => {
    const now = Date.now();
    expect(idIssuedWithin(newId(now - 2_000), 10_000, now)).toBe(true);
    expect(idIssuedWithin(newId(now - 60_000), 10_000, now)).toBe(false);
    expect(idIssuedWithin('6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f', 10_000, now)).toBe(false);
    expect(idIssuedAt('..')).toBeNull();
    expect(idIssuedAt('')).toBeNull();
  });
});
