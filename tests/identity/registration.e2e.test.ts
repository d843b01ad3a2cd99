import { aUscc, anEmail, errorCode, gql } from '@yinqi/testing';
import { PASSWORD, registerEnterprise } from '../support/actors';

const REGISTER = 'mutation($input:RegisterEnterpriseInput!){ registerEnterprise(input:$input){ token user { id email role orgId } } }';
const LOGIN = 'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token user { id email role orgId } } }';
const ME = '{ me { id email role orgId } }';

const anInput = (over: Record<string, unknown> = {}) => ({
  email: anEmail('reg'),
  password: PASSWORD,
  name: '重庆大足锶盐新材料有限公司',
  uscc: aUscc(),
  industry: '锶盐新材料',
  town: '棠香街道',
  ...over,
});

describe('enterprise registration and sign-in', () => {
  it('registers, signs in and answers me with the enterprise as orgId', async () => {
    const input = anInput();
    const reg = await gql(REGISTER, { input });
    expect(reg.errors).toBeUndefined();
    const user = reg.data!.registerEnterprise.user;
    expect(user).toMatchObject({ email: input.email, role: 'ENTERPRISE' });
    expect(user.orgId).toEqual(expect.any(String));

    const login = await gql(LOGIN, { e: input.email.toUpperCase(), p: PASSWORD });
    expect(login.data!.login.user).toEqual(user);

    const me = await gql(ME, {}, login.data!.login.token);
    expect(me.data!.me).toEqual(user);
    const meWithRegToken = await gql(ME, {}, reg.data!.registerEnterprise.token);
    expect(meWithRegToken.data!.me).toEqual(user);
  });

  it('refuses a duplicate email and a duplicate USCC with CONFLICT', async () => {
    const input = anInput();
    expect((await gql(REGISTER, { input })).errors).toBeUndefined();
    const sameEmail = await gql(REGISTER, { input: { ...input, uscc: aUscc(), name: '另一家公司' } });
    expect(errorCode(sameEmail)).toBe('CONFLICT');
    const sameUscc = await gql(REGISTER, { input: { ...input, email: anEmail('other') } });
    expect(errorCode(sameUscc)).toBe('CONFLICT');
    expect(sameUscc.errors![0]!.message).toMatch(/USCC/);
  });

  it('refuses a bad USCC checksum with BAD_USER_INPUT and creates nothing', async () => {
    const input = anInput();
    const last = input.uscc[17] === '0' ? '1' : '0';
    const bad = await gql(REGISTER, { input: { ...input, uscc: input.uscc.slice(0, 17) + last } });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toMatch(/uscc/i);
    // Nothing was written: the same email can neither sign in nor is it taken.
    expect(errorCode(await gql(LOGIN, { e: input.email, p: PASSWORD }))).toBe('UNAUTHENTICATED');
    expect((await gql(REGISTER, { input })).errors).toBeUndefined();
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const ent = await registerEnterprise();
    const wrong = await gql(LOGIN, { e: ent.email, p: 'not-the-password' });
    const unknown = await gql(LOGIN, { e: anEmail('nobody'), p: PASSWORD });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
    expect(wrong.errors![0]!.message).toBe(unknown.errors![0]!.message);
  });

  it('lets a client retry a registration whose answer it lost, ending with one account', async () => {
    const input = anInput();
    const first = await gql(REGISTER, { input });
    const retry = await gql(REGISTER, { input });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.registerEnterprise.user).toEqual(first.data!.registerEnterprise.user);
    // A retry with another password is not the same registration.
    expect(errorCode(await gql(REGISTER, { input: { ...input, password: 'another-password-1' } }))).toBe('CONFLICT');
  });

  it('validates email, password and name lengths at the edge', async () => {
    expect(errorCode(await gql(REGISTER, { input: anInput({ email: 'not-an-email' }) }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(REGISTER, { input: anInput({ password: 'short' }) }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(REGISTER, { input: anInput({ password: 'x'.repeat(129) }) }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(REGISTER, { input: anInput({ name: '名'.repeat(101) }) }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(REGISTER, { input: anInput({ email: { $gt: '' } }) }))).toBe('BAD_USER_INPUT');
  });

  it('renews a valid token into a new one for the same user', async () => {
    const ent = await registerEnterprise();
    const renewed = await gql('mutation{ renewToken{ token user { id } } }', {}, ent.token);
    expect(renewed.data!.renewToken.user.id).toBe(ent.userId);
    expect((await gql(ME, {}, renewed.data!.renewToken.token)).data!.me.id).toBe(ent.userId);
    expect(errorCode(await gql('mutation{ renewToken{ token } }'))).toBe('UNAUTHENTICATED');
  });
});
