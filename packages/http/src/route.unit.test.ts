import type { NextFunction, Request, Response } from 'express';
import { route } from './app';

const call = (params: Record<string, string>) =>
  new Promise<{ err?: { code?: string }; ran: boolean }>((resolve) => {
    let ran = false;
    const handler = route(async () => {
      ran = true;
      return { ok: true };
    });
    const res = { headersSent: false, json: () => resolve({ ran }) } as unknown as Response;
    handler({ params } as unknown as Request, res, ((err?: { code?: string }) => resolve({ err, ran })) as NextFunction);
  });

describe('a service route', () => {
  it.each(['', '.', '..', '%2e%2e', 'a/b', 'not-an-id', '65f0c0ffee0000000000dead'])(
    'answers NOT_FOUND for the path id %j without running the use case',
    async (id) => {
      expect(await call({ id })).toEqual({ err: expect.objectContaining({ code: 'NOT_FOUND' }), ran: false });
    },
  );

  it('runs the use case for ids of the shapes the platform issues', async () => {
    for (const id of [
      '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e',
      '0123456789abcdef0123456789abcdef',
      '0123456789abcdef0123456789abcdef-abcdef012345',
    ]) {
      expect(await call({ id })).toEqual({ ran: true });
    }
  });
});
