import { anEmail, errorCode, gql } from '@yinqi/testing';
import { PASSWORD, registerEnterprise, signInAdmin } from '../support/actors';
import { anAddress, anOfficer, gqlFrom, login, ME, serviceUrl } from './account-support';

const USERS =
  'query($role:Role,$orgId:ID,$first:Int,$after:String){ users(role:$role, orgId:$orgId, first:$first, after:$after){ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id email role disabled mustChangePassword lockedUntil lastLoginAt } } } }';
const CHANGE = 'mutation($o:String!,$n:String!){ changePassword(oldPassword:$o, newPassword:$n){ token user { id mustChangePassword } } }';

const retryAfter = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.retryAfterSeconds;

describe('login throttling', () => {
  it('5 failures lock the email for 15 minutes: the right password is refused too, users shows the lock, unlockUser clears it', async () => {
    const officer = await anOfficer();
    const from = anAddress();
    for (let i = 0; i < 5; i++) expect(errorCode(await login(officer.email, `wrong-password-${i}`, from))).toBe('UNAUTHENTICATED');
    const locked = await login(officer.email, PASSWORD, anAddress());
    expect(errorCode(locked)).toBe('TOO_MANY_REQUESTS');
    const wait = retryAfter(locked) as number;
    expect(Number.isInteger(wait)).toBe(true);
    expect(wait).toBeGreaterThanOrEqual(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);

    const list = await gql(USERS, { orgId: officer.bankId }, officer.admin);
    const node = list.data!.users.edges.map((e: { node: { id: string } }) => e.node).find((n: { id: string }) => n.id === officer.id);
    expect(node).toBeDefined();
    expect(Date.parse(node.lockedUntil) - Date.now()).toBeGreaterThan(14 * 60_000);

    const unlocked = await gql('mutation($id:ID!){ unlockUser(userId:$id){ id lockedUntil } }', { id: officer.id }, officer.admin);
    expect(unlocked.data).toEqual({ unlockUser: { id: officer.id, lockedUntil: null } });
    expect((await login(officer.email, PASSWORD)).data?.login.user.id).toBe(officer.id);
  });

  it('an email without an account answers exactly the same: UNAUTHENTICATED five times, then TOO_MANY_REQUESTS', async () => {
    const email = anEmail('nobody');
    const from = anAddress();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await login(email, PASSWORD, from));
    expect(answers.map(errorCode)).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'TOO_MANY_REQUESTS',
    ]);
    expect(retryAfter(answers[5]!)).toBeGreaterThanOrEqual(1);
  });

  it('a successful login clears the count', async () => {
    const officer = await anOfficer();
    for (let i = 0; i < 4; i++) await login(officer.email, 'wrong-password-x');
    expect(errorCode(await login(officer.email, PASSWORD))).toBeUndefined();
    for (let i = 0; i < 4; i++) expect(errorCode(await login(officer.email, 'wrong-password-y'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await login(officer.email, PASSWORD))).toBeUndefined();
  });

  it('50 failures from one address lock that address, while another address signs in fine', async () => {
    const officer = await anOfficer();
    const guesser = anAddress();
    for (let i = 0; i < 50; i++) expect(errorCode(await login(anEmail('guess'), 'a-wrong-password', guesser))).toBe('UNAUTHENTICATED');
    const refused = await login(officer.email, PASSWORD, guesser);
    expect(errorCode(refused)).toBe('TOO_MANY_REQUESTS');
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(14 * 60);
    expect((await login(officer.email, PASSWORD, anAddress())).data?.login.user.id).toBe(officer.id);
  });
});

describe('accounts', () => {
  it('changePassword: a wrong old password is FORBIDDEN, the new one must follow the rules, and every other session ends', async () => {
    const officer = await anOfficer();
    const second = (await login(officer.email, PASSWORD)).data!.login.token;
    expect(errorCode(await gql(CHANGE, { o: 'not-my-password', n: 'a-brand-new-password-1' }, officer.token))).toBe('FORBIDDEN');
    const local = officer.email.split('@')[0]!;
    for (const bad of ['short-one', 'x'.repeat(129), PASSWORD, `My-${local.toUpperCase()}-2026`]) {
      expect(errorCode(await gql(CHANGE, { o: PASSWORD, n: bad }, officer.token))).toBe('BAD_USER_INPUT');
    }
    const changed = await gql(CHANGE, { o: PASSWORD, n: 'a-brand-new-password-1' }, officer.token);
    expect(changed.data?.changePassword.user).toEqual({ id: officer.id, mustChangePassword: false });
    const fresh = changed.data!.changePassword.token;
    await waitRefused(second);
    await waitRefused(officer.token);
    expect((await gql(ME, {}, fresh)).data!.me.id).toBe(officer.id);
    expect(errorCode(await login(officer.email, PASSWORD))).toBe('UNAUTHENTICATED');
    expect((await login(officer.email, 'a-brand-new-password-1')).data?.login.user.id).toBe(officer.id);
  });

  it('a wrong old password in changePassword counts as a failed login', async () => {
    const officer = await anOfficer();
    for (let i = 0; i < 5; i++)
      expect(errorCode(await gqlFrom(anAddress(), CHANGE, { o: `nope-${i}-password`, n: 'a-brand-new-password-1' }, officer.token))).toBe(
        'FORBIDDEN',
      );
    expect(errorCode(await login(officer.email, PASSWORD))).toBe('TOO_MANY_REQUESTS');
  });

  it('resetPassword: a temporary password shown once, sessions end, and until it is changed only me, changePassword and logout work (also on a direct service call)', async () => {
    const officer = await anOfficer();
    const reset = await gql(
      'mutation($id:ID!){ resetPassword(userId:$id){ temporaryPassword user { id mustChangePassword } } }',
      { id: officer.id },
      officer.admin,
    );
    const temp = reset.data!.resetPassword.temporaryPassword as string;
    expect(temp.length).toBeGreaterThanOrEqual(12);
    expect(reset.data!.resetPassword.user).toEqual({ id: officer.id, mustChangePassword: true });
    await waitRefused(officer.token);

    const signedIn = await login(officer.email, temp);
    const token = signedIn.data!.login.token;
    expect((await gql(ME, {}, token)).data!.me).toMatchObject({ id: officer.id, mustChangePassword: true });
    const refused = await gql('{ products(first: 1) { totalCount } }', {}, token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' });
    const direct = await fetch(new URL('/no-such-route', serviceUrl('product')), { headers: { authorization: `Bearer ${token}` } });
    expect(direct.status).toBe(403);
    expect(await direct.json()).toMatchObject({ code: 'FORBIDDEN', extensions: { reason: 'PASSWORD_CHANGE_REQUIRED' } });

    const changed = await gql(CHANGE, { o: temp, n: 'my-own-password-2026' }, token);
    expect(changed.data?.changePassword.user.mustChangePassword).toBe(false);
    expect(errorCode(await gql('{ products(first: 1) { totalCount } }', {}, changed.data!.changePassword.token))).toBeUndefined();
  });

  it('setUserDisabled: disabling yourself is CONFLICT; only the finance centre manages accounts', async () => {
    const admin = await signInAdmin();
    const me = (await gql(ME, {}, admin)).data!.me;
    expect(errorCode(await gql('mutation($id:ID!){ setUserDisabled(userId:$id, disabled:true){ id } }', { id: me.id }, admin))).toBe(
      'CONFLICT',
    );
    const ent = await registerEnterprise();
    for (const q of [
      ['mutation($id:ID!){ setUserDisabled(userId:$id, disabled:true){ id } }', { id: me.id }],
      ['mutation($id:ID!){ resetPassword(userId:$id){ temporaryPassword } }', { id: me.id }],
      ['mutation($id:ID!){ unlockUser(userId:$id){ id } }', { id: me.id }],
      [USERS, {}],
    ] as const) {
      expect(errorCode(await gql(q[0], q[1], ent.token))).toBe('FORBIDDEN');
    }
  });

  it('users: every account newest first, by role, page by page', async () => {
    const officer = await anOfficer();
    const second = await anOfficer(officer.admin, officer.bankId);
    const page1 = await gql(USERS, { role: 'BANK_OFFICER', orgId: officer.bankId, first: 1 }, officer.admin);
    const users = page1.data!.users;
    expect(users.edges[0].node).toMatchObject({
      id: second.id,
      email: second.email,
      role: 'BANK_OFFICER',
      disabled: false,
      mustChangePassword: false,
      lockedUntil: null,
    });
    expect(Date.parse(users.edges[0].node.lastLoginAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(users.pageInfo.hasNextPage).toBe(true);
    expect(users.totalCount).toBe(2);
    const page2 = await gql(
      USERS,
      { role: 'BANK_OFFICER', orgId: officer.bankId, first: 1, after: users.pageInfo.endCursor },
      officer.admin,
    );
    expect(page2.data!.users.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([officer.id]);
    expect(page2.data!.users.pageInfo.hasNextPage).toBe(false);
  });
});

async function waitRefused(token: string) {
  const t0 = Date.now();
  for (;;) {
    if (errorCode(await gql(ME, {}, token)) === 'UNAUTHENTICATED') return;
    if (Date.now() - t0 > 5_000) throw new Error('token still accepted after 5 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}
