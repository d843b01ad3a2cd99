// Small factories for e2e tests: every actor is created through the public API.
import { aDemandInput, aUscc, anEmail, gql, type DemandInputFields } from '@yinqi/testing';

export const PASSWORD = 'correct-horse-battery';

export async function signInAdmin(): Promise<string> {
  const r = await gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
    e: process.env.ADMIN_EMAIL ?? 'admin@yinqi.local',
    p: process.env.ADMIN_PASSWORD ?? 'yinqi-admin-2026',
  });
  if (!r.data) throw new Error(`admin login failed: ${JSON.stringify(r.errors)}`);
  return r.data.login.token;
}

export interface EnterpriseActor {
  token: string;
  userId: string;
  enterpriseId: string;
  email: string;
  uscc: string;
}

export async function registerEnterprise(
  overrides: Partial<{ name: string; industry: string; town: string }> = {},
): Promise<EnterpriseActor> {
  const input = {
    email: anEmail('ent'),
    password: PASSWORD,
    name: overrides.name ?? '重庆测试五金制品有限公司',
    uscc: aUscc(),
    industry: overrides.industry ?? '五金',
    town: overrides.town ?? '龙水镇',
  };
  const r = await gql<{ registerEnterprise: { token: string; user: { id: string; orgId: string } } }>(
    'mutation($input:RegisterEnterpriseInput!){ registerEnterprise(input:$input){ token user { id orgId } } }',
    { input },
  );
  if (!r.data) throw new Error(`registration failed: ${JSON.stringify(r.errors)}`);
  return {
    token: r.data.registerEnterprise.token,
    userId: r.data.registerEnterprise.user.id,
    enterpriseId: r.data.registerEnterprise.user.orgId,
    email: input.email,
    uscc: input.uscc,
  };
}

export async function createInstitution(
  adminToken: string,
  kind: 'BANK' | 'GUARANTOR' | 'FUND',
  name?: string,
): Promise<{ id: string; name: string }> {
  const r = await gql<{ createInstitution: { id: string; name: string } }>(
    'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id name } }',
    { input: { kind, name: name ?? `测试${kind}-${Math.random().toString(36).slice(2, 8)}` } },
    adminToken,
  );
  if (!r.data) throw new Error(`createInstitution failed: ${JSON.stringify(r.errors)}`);
  return r.data.createInstitution;
}

/** An officer of a new (or given) institution, signed in. */
export async function createOfficer(
  adminToken: string,
  role: 'BANK_OFFICER' | 'GUARANTOR_OFFICER' | 'FUND_OFFICER',
  institutionId?: string,
): Promise<{ token: string; institutionId: string; email: string }> {
  const kind = role === 'BANK_OFFICER' ? 'BANK' : role === 'GUARANTOR_OFFICER' ? 'GUARANTOR' : 'FUND';
  const instId = institutionId ?? (await createInstitution(adminToken, kind)).id;
  const email = anEmail(role.toLowerCase());
  const r = await gql(
    'mutation($input:CreateUserInput!){ createUser(input:$input){ id } }',
    { input: { email, password: PASSWORD, role, institutionId: instId } },
    adminToken,
  );
  if (!r.data) throw new Error(`createUser failed: ${JSON.stringify(r.errors)}`);
  const login = await gql<{ login: { token: string } }>('mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token } }', {
    e: email,
    p: PASSWORD,
  });
  return { token: login.data!.login.token, institutionId: instId, email };
}

export { aDemandInput, type DemandInputFields } from '@yinqi/testing';

export interface PostedDemand {
  id: string;
  status: string;
  amount: number;
  createdAt: string;
  enterprise: { id: string };
}

/** Posts a demand as the enterprise whose token is given. */
export async function postDemand(token: string, overrides: Partial<DemandInputFields> = {}): Promise<PostedDemand> {
  const r = await gql<{ postDemand: PostedDemand }>(
    'mutation($input:DemandInput!){ postDemand(input:$input){ id status amount createdAt enterprise { id } } }',
    { input: aDemandInput(overrides) },
    token,
  );
  if (!r.data) throw new Error(`postDemand failed: ${JSON.stringify(r.errors)}`);
  return r.data.postDemand;
}

/** Sets an enterprise's tier (梯度培育库) and white list (白名单) as the finance centre. */
export async function certifyEnterprise(
  adminToken: string,
  enterpriseId: string,
  tier: string,
  whitelisted = false,
): Promise<{ id: string; tier: string; whitelisted: boolean }> {
  const r = await gql<{ certifyEnterprise: { id: string; tier: string; whitelisted: boolean } }>(
    'mutation($id:ID!,$tier:EnterpriseTier!,$w:Boolean!){ certifyEnterprise(enterpriseId:$id,tier:$tier,whitelisted:$w){ id tier whitelisted } }',
    { id: enterpriseId, tier, w: whitelisted },
    adminToken,
  );
  if (!r.data) throw new Error(`certifyEnterprise failed: ${JSON.stringify(r.errors)}`);
  return r.data.certifyEnterprise;
}
