import { anEmail, errorCode, gql } from '@yinqi/testing';
import { createInstitution, createOfficer, PASSWORD, registerEnterprise, signInAdmin } from '../support/actors';

const CREATE_INSTITUTION = 'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id kind name } }';
const CREATE_USER = 'mutation($input:CreateUserInput!){ createUser(input:$input){ id email role orgId } }';

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

describe('institutions and officers', () => {
  it('lets the finance centre create a bank and a bank officer who can sign in', async () => {
    const name = `重庆农村商业银行大足支行-${Date.now()}`;
    const bank = await gql(CREATE_INSTITUTION, { input: { kind: 'BANK', name } }, admin);
    expect(bank.data!.createInstitution).toMatchObject({ kind: 'BANK', name });
    const email = anEmail('officer');
    const officer = await gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, role: 'BANK_OFFICER', institutionId: bank.data!.createInstitution.id } },
      admin,
    );
    expect(officer.data!.createUser).toMatchObject({ email, role: 'BANK_OFFICER', orgId: bank.data!.createInstitution.id });
    const login = await gql('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ user { role orgId } } }', {
      e: email,
      p: PASSWORD,
    });
    expect(login.data!.login.user).toEqual({ role: 'BANK_OFFICER', orgId: bank.data!.createInstitution.id });
  });

  it('refuses the same institution name twice with CONFLICT', async () => {
    const name = `兴农融资担保-${Date.now()}`;
    expect((await gql(CREATE_INSTITUTION, { input: { kind: 'GUARANTOR', name } }, admin)).errors).toBeUndefined();
    expect(errorCode(await gql(CREATE_INSTITUTION, { input: { kind: 'GUARANTOR', name } }, admin))).toBe('CONFLICT');
  });

  it('lets nobody else create institutions or accounts', async () => {
    const ent = await registerEnterprise();
    const officer = await createOfficer(admin, 'BANK_OFFICER');
    for (const token of [ent.token, officer.token]) {
      expect(errorCode(await gql(CREATE_INSTITUTION, { input: { kind: 'BANK', name: 'x' } }, token))).toBe('FORBIDDEN');
      expect(errorCode(await gql(CREATE_USER, { input: { email: anEmail(), password: PASSWORD, role: 'FINANCE_CENTER' } }, token))).toBe(
        'FORBIDDEN',
      );
    }
    expect(errorCode(await gql(CREATE_INSTITUTION, { input: { kind: 'BANK', name: 'x' } }))).toBe('UNAUTHENTICATED');
  });

  it("requires an officer's role to fit the institution's kind", async () => {
    const guarantor = await createInstitution(admin, 'GUARANTOR');
    const wrongKind = await gql(
      CREATE_USER,
      { input: { email: anEmail(), password: PASSWORD, role: 'BANK_OFFICER', institutionId: guarantor.id } },
      admin,
    );
    expect(errorCode(wrongKind)).toBe('BAD_USER_INPUT');
    const missing = await gql(CREATE_USER, { input: { email: anEmail(), password: PASSWORD, role: 'GUARANTOR_OFFICER' } }, admin);
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    const unknown = await gql(
      CREATE_USER,
      { input: { email: anEmail(), password: PASSWORD, role: 'GUARANTOR_OFFICER', institutionId: 'no-such-id' } },
      admin,
    );
    expect(errorCode(unknown)).toBe('NOT_FOUND');
    const fcWithInstitution = await gql(
      CREATE_USER,
      { input: { email: anEmail(), password: PASSWORD, role: 'FINANCE_CENTER', institutionId: guarantor.id } },
      admin,
    );
    expect(errorCode(fcWithInstitution)).toBe('BAD_USER_INPUT');
    const ok = await gql(
      CREATE_USER,
      { input: { email: anEmail(), password: PASSWORD, role: 'GUARANTOR_OFFICER', institutionId: guarantor.id } },
      admin,
    );
    expect(ok.data!.createUser).toMatchObject({ role: 'GUARANTOR_OFFICER', orgId: guarantor.id });
    const fc = await gql(CREATE_USER, { input: { email: anEmail(), password: PASSWORD, role: 'FINANCE_CENTER' } }, admin);
    expect(fc.data!.createUser).toMatchObject({ role: 'FINANCE_CENTER', orgId: null });
  });
});
