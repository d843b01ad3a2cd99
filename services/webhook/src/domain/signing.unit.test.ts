import { createHmac } from 'node:crypto';
import { newSigningSecret, SecretBox, signatureHeader, verifySignature, webhookEventId } from './signing';
import { CONTRACT_SCHEDULE, nextAttemptAt, retryDelayMs } from './retry-schedule';

describe('delivery signatures', () => {
  it('signs "<t>.<raw body>" with HMAC-SHA256 of the signing secret, as the contract tells receivers to check', () => {
    const secret = newSigningSecret();
    const body = '{"id":"x","event":"MATCH_PROPOSED"}';
    const header = signatureHeader(secret, body, 1_700_000_000);
    expect(header).toBe(`t=1700000000,v1=${createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex')}`);
    expect(verifySignature(secret, body, header, 1_700_000_010)).toBe(true);
    expect(verifySignature(secret, `${body} `, header, 1_700_000_010)).toBe(false);
    expect(verifySignature(newSigningSecret(), body, header, 1_700_000_010)).toBe(false);
    expect(verifySignature(secret, body, header, 1_700_009_999)).toBe(false);
  });

  it('keeps signing secrets sealed at rest: another key cannot open them', () => {
    const sealed = new SecretBox('k'.repeat(40)).seal('whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(new SecretBox('k'.repeat(40)).open(sealed)).toBe('whsec_abc');
    expect(() => new SecretBox('j'.repeat(40)).open(sealed)).toThrow();
  });

  it('gives one event the same id however often its source event is seen, and different events different ids', () => {
    const a = webhookEventId('7c1f6f1e-7d2b-4a55-9a55-5b8f1c2d3e4f', 'MATCH_PROPOSED');
    expect(a).toBe(webhookEventId('7c1f6f1e-7d2b-4a55-9a55-5b8f1c2d3e4f', 'MATCH_PROPOSED'));
    expect(a).not.toBe(webhookEventId('7c1f6f1e-7d2b-4a55-9a55-5b8f1c2d3e4f', 'GUARANTEE_SELECTED'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('retry schedule', () => {
  it('starts near 1 s, doubles, and stops growing at 10 minutes', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(CONTRACT_SCHEDULE, n))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelayMs(CONTRACT_SCHEDULE, 11)).toBe(600_000);
    expect(retryDelayMs(CONTRACT_SCHEDULE, 500)).toBe(600_000);
  });

  it('gives up 24 hours after the first attempt', () => {
    const first = new Date('2026-01-01T00:00:00Z');
    expect(nextAttemptAt(CONTRACT_SCHEDULE, first, 3, new Date('2026-01-01T12:00:00Z'))).toEqual(new Date('2026-01-01T12:00:04Z'));
    expect(nextAttemptAt(CONTRACT_SCHEDULE, first, 150, new Date('2026-01-01T23:55:00Z'))).toBeUndefined();
  });
});
