import type { z } from 'zod';
import { badInput } from '@yinqi/errors';

/** Parses a request body or event against its schema; failures are BAD_USER_INPUT naming the field. */
export function parseInput<S extends z.ZodTypeAny>(schema: S, value: unknown): z.infer<S> {
  const res = schema.safeParse(value);
  if (!res.success) {
    const first = res.error.issues[0];
    const field = first?.path.join('.') || 'input';
    throw badInput(`${field}: ${first?.message ?? 'invalid'}`, {
      field,
      issues: res.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- a generic ZodTypeAny parses to `any`; the signature gives the caller z.infer<S>
  return res.data;
}
