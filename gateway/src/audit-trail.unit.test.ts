import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql } from 'graphql';
import type { Principal } from '@yinqi/auth';
import { AppError, forbidden, unauthenticated } from '@yinqi/errors';
import { withCorrelation } from '@yinqi/logger';
import type { AuditRecord } from './clients/audit-client';
import type { GatewayContext } from './context';
import { scrubbedDetail, withAuditTrail } from './audit-trail';

const sdl = /* GraphQL */ `
  type User {
    id: ID!
    role: String!
    orgId: ID
  }
  type AuthPayload {
    token: String!
    user: User!
  }
  type Enterprise {
    id: ID!
  }
  type Product {
    id: ID!
  }
  type TemporaryPassword {
    user: User!
    temporaryPassword: String!
  }
  input CreateUserInput {
    email: String!
    password: String!
  }
  type Query {
    secretReport(id: ID!): Boolean
  }
  type Mutation {
    login(email: String!, password: String!): AuthPayload!
    certifyEnterprise(enterpriseId: ID!, tier: String!): Enterprise!
    publishProduct(name: String!): Product!
    createUser(input: CreateUserInput!): User!
    resetPassword(userId: ID!): TemporaryPassword!
    logout: Boolean!
  }
`;

const FC: Principal = { userId: 'fc-1', role: 'FINANCE_CENTER' };
const BANK: Principal = { userId: 'bank-1', role: 'BANK_OFFICER', orgId: 'bank-9' };

function setup(opts: { gateClosed?: boolean } = {}) {
  const recorded: AuditRecord[] = [];
  const ran: string[] = [];
  const schema = makeExecutableSchema({
    typeDefs: sdl,
    resolvers: {
      Query: {
        secretReport: (_: unknown, __: unknown, ctx: GatewayContext) => (ctx.requireRole('FINANCE_CENTER'), true),
      },
      Mutation: {
        login: (_: unknown, a: { email: string; password: string }) => {
          ran.push('login');
          if (a.password !== 'right-password') throw unauthenticated('Wrong email or password');
          return { token: 'tok.en.value', user: { id: 'u-7', role: 'ENTERPRISE', orgId: 'ent-7' } };
        },
        certifyEnterprise: (_: unknown, a: { enterpriseId: string }, ctx: GatewayContext) => (
          ctx.requireRole('FINANCE_CENTER'),
          ran.push('certify'),
          { id: a.enterpriseId }
        ),
        publishProduct: () => (ran.push('publish'), { id: 'p-1' }),
        createUser: () => ({ id: 'u-new', role: 'BANK_OFFICER' }),
        resetPassword: (_: unknown, a: { userId: string }) => ({
          user: { id: a.userId, role: 'BANK_OFFICER' },
          temporaryPassword: 'Temp-Pass-123456',
        }),
        logout: () => true,
      },
    },
  });
  const sink = {
    record: async (e: AuditRecord) => void recorded.push(e),
    gate: () => {
      if (opts.gateClosed) throw new AppError('INTERNAL_SERVER_ERROR', 'audit paused', { retriable: true });
    },
  };
  const wrapped = withAuditTrail(schema, sink);
  const run = (source: string, caller: Principal | null, variables: Record<string, unknown> = {}) => {
    const ctx = {
      principal: () => {
        if (!caller) throw unauthenticated();
        return caller;
      },
      requireRole: (...roles: Principal['role'][]) => {
        if (!caller) throw unauthenticated();
        if (!roles.includes(caller.role)) throw forbidden();
        return caller;
      },
    } as unknown as GatewayContext;
    return withCorrelation('corr-1', () => graphql({ schema: wrapped, source, variableValues: variables, contextValue: ctx }));
  };
  return { recorded, ran, run };
}

describe('the gateway audit trail recorder', () => {
  it('records a finance-centre mutation once, after it ran, with actor, target from the table and the correlation id', async () => {
    const { recorded, run } = setup();
    const r = await run('mutation { certifyEnterprise(enterpriseId: "e-1", tier: "INNOVATIVE_SME") { id } }', FC);
    expect(r.errors).toBeUndefined();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      action: 'certifyEnterprise',
      actorId: 'fc-1',
      actorRole: 'FINANCE_CENTER',
      actorOrgId: null,
      targetType: 'Enterprise',
      targetId: 'e-1',
      correlationId: 'corr-1',
    });
    expect(JSON.parse(recorded[0]!.detail!)).toEqual({ enterpriseId: 'e-1', tier: 'INNOVATIVE_SME' });
    expect(recorded[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does not record an ordinary mutation by a non-finance-centre caller', async () => {
    const { recorded, run } = setup();
    await run('mutation { publishProduct(name: "专精特新贷") { id } }', BANK);
    expect(recorded).toEqual([]);
  });

  it('records a successful login with the signed-in user as actor, and never the password or the token', async () => {
    const { recorded, run } = setup();
    await run('mutation { login(email: "a@b.cn", password: "right-password") { token } }', null);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      action: 'login',
      actorId: 'u-7',
      actorRole: 'ENTERPRISE',
      actorOrgId: 'ent-7',
      targetType: 'User',
      targetId: 'u-7',
    });
    expect(JSON.stringify(recorded)).not.toContain('right-password');
    expect(JSON.stringify(recorded)).not.toContain('tok.en.value');
  });

  it('records a failed login as login.failed with the email and code, no actor, never the password tried', async () => {
    const { recorded, run } = setup();
    const r = await run('mutation { login(email: "who@b.cn", password: "guess-123") { token } }', null);
    expect(r.errors?.[0]?.message).toMatch(/Wrong/);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ action: 'login.failed', actorId: null, actorRole: null, targetType: 'User', targetId: null });
    expect(JSON.parse(recorded[0]!.detail!)).toEqual({ email: 'who@b.cn', code: 'UNAUTHENTICATED' });
    expect(JSON.stringify(recorded)).not.toContain('guess-123');
  });

  it('records a mutation or query refused with FORBIDDEN as <name>.denied, with the refused caller', async () => {
    const { recorded, ran, run } = setup();
    await run('mutation { certifyEnterprise(enterpriseId: "e-2", tier: "NONE") { id } }', BANK);
    await run('{ secretReport(id: "r-1") }', BANK);
    expect(ran).not.toContain('certify');
    expect(recorded.map((e) => [e.action, e.actorId, e.actorOrgId, e.targetType, e.targetId])).toEqual([
      ['certifyEnterprise.denied', 'bank-1', 'bank-9', 'Enterprise', 'e-2'],
      ['secretReport.denied', 'bank-1', 'bank-9', 'Boolean', 'r-1'],
    ]);
  });

  it('keeps passwords out of detail at any depth, and results (temporary passwords) out entirely', async () => {
    const { recorded, run } = setup();
    await run('mutation { createUser(input: { email: "o@b.cn", password: "Officer-Pass-99" }) { id } }', FC);
    await run('mutation { resetPassword(userId: "u-3") { temporaryPassword } }', FC);
    expect(recorded.map((e) => [e.action, e.targetType, e.targetId])).toEqual([
      ['createUser', 'User', 'u-new'],
      ['resetPassword', 'User', 'u-3'],
    ]);
    expect(JSON.stringify(recorded)).not.toMatch(/Officer-Pass-99|Temp-Pass-123456/);
    expect(scrubbedDetail({ input: { newPassword: 'x', oldPassword: 'y', list: [{ apiKey: 'k', name: 'n' }] }, token: 't' })).toBe(
      '{"input":{"list":[{"name":"n"}]}}',
    );
  });

  it('records logout with the caller as actor and target', async () => {
    const { recorded, run } = setup();
    await run('mutation { logout }', BANK);
    expect(recorded[0]).toMatchObject({ action: 'logout', actorId: 'bank-1', targetType: 'User', targetId: 'bank-1', detail: null });
  });

  it('refuses an audited mutation before it runs while the recorder is paused, and lets others through', async () => {
    const { recorded, ran, run } = setup({ gateClosed: true });
    const r = await run('mutation { certifyEnterprise(enterpriseId: "e-3", tier: "NONE") { id } }', FC);
    expect(r.errors?.[0]?.message).toBe('audit paused');
    expect(ran).toEqual([]);
    await run('mutation { publishProduct(name: "x") { id } }', BANK);
    expect(ran).toEqual(['publish']);
    expect(recorded).toEqual([]);
  });
});
