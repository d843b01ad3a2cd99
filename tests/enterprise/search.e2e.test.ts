// 企业搜索 (issue 19): the finance centre finds enterprises by part of the name, a USCC prefix, town
// and industry, paged on the server; nobody else lists enterprises (API-CONTRACT: FINANCE_CENTER).
import { errorCode, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';

const LIST = `query($search:String,$town:String,$industry:String,$first:Int,$after:String){
  enterprises(search:$search,town:$town,industry:$industry,first:$first,after:$after){
    edges { node { id name uscc town industry } } pageInfo { hasNextPage endCursor } totalCount } }`;
interface Node {
  id: string;
  name: string;
  uscc: string;
  town: string;
  industry: string;
}
interface ListResult {
  enterprises: { edges: { node: Node }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number };
}

/** Three CJK characters no other enterprise's name is likely to hold, so this run's records are told apart. */
const TAG = Array.from({ length: 3 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');
const INDUSTRY = `模具${TAG}`;

let admin: string;
let ruifeng: EnterpriseActor;
let reversed: EnterpriseActor;
let apart: EnterpriseActor;
const list = (vars: Record<string, unknown>, token = admin) => gql<ListResult>(LIST, vars, token);
const ids = (r: { data?: ListResult | null }) => (r.data?.enterprises.edges ?? []).map((e) => e.node.id).sort();

beforeAll(async () => {
  admin = await signInAdmin();
  [ruifeng, reversed, apart] = await Promise.all([
    registerEnterprise({ name: `重庆锐锋${TAG}五金工具有限公司`, town: '龙水镇', industry: '五金' }),
    registerEnterprise({ name: `重庆锋锐${TAG}机械有限公司`, town: '龙水镇', industry: '五金' }),
    registerEnterprise({ name: `重庆锐${TAG}锋精密有限公司`, town: '宝顶镇', industry: INDUSTRY }),
  ]);
  // Profiles and their search keys are written from identity's enterprise.registered.
  await waitFor(async () => (await list({ search: TAG })).data?.enterprises.totalCount === 3, {
    message: 'three enterprises found by the tag',
  });
});

describe('enterprise search by the finance centre', () => {
  it('finds "锐锋" inside a name, and not the names holding 锋锐 or 锐…锋', async () => {
    const r = await list({ search: '锐锋', first: 100 });
    expect(r.errors).toBeUndefined();
    const found = ids(r);
    expect(found).toContain(ruifeng.enterpriseId);
    expect(found).not.toContain(reversed.enterpriseId);
    expect(found).not.toContain(apart.enterpriseId);
    expect(r.data!.enterprises.edges.every((e) => e.node.name.includes('锐锋'))).toBe(true);
    expect(ids(await list({ search: `锐锋${TAG}` }))).toEqual([ruifeng.enterpriseId]);
  });

  it('finds an enterprise by a USCC prefix, in capitals or not, and by the whole code', async () => {
    expect(ids(await list({ search: ruifeng.uscc }))).toEqual([ruifeng.enterpriseId]);
    const prefix = ruifeng.uscc.slice(0, 14);
    expect(ids(await list({ search: prefix.toLowerCase(), first: 100 }))).toContain(ruifeng.enterpriseId);
    const r = await list({ search: prefix, first: 100 });
    expect(r.data!.enterprises.edges.every((e) => e.node.uscc.startsWith(prefix) || e.node.name.toUpperCase().includes(prefix))).toBe(true);
  });

  it('narrows by town and by industry, with or without a search', async () => {
    expect(ids(await list({ search: TAG, town: '龙水镇' }))).toEqual([ruifeng.enterpriseId, reversed.enterpriseId].sort());
    expect(ids(await list({ search: TAG, town: '宝顶镇' }))).toEqual([apart.enterpriseId]);
    expect(ids(await list({ industry: INDUSTRY }))).toEqual([apart.enterpriseId]);
    const byTown = await list({ town: '宝顶镇', first: 100 });
    expect(byTown.data!.enterprises.edges.every((e) => e.node.town === '宝顶镇')).toBe(true);
  });

  it('pages through search results on the server, newest first, with the total of the search', async () => {
    const first = await list({ search: TAG, first: 2 });
    expect(first.data!.enterprises).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(first.data!.enterprises.edges).toHaveLength(2);
    const second = await list({ search: TAG, first: 2, after: first.data!.enterprises.pageInfo.endCursor });
    expect(second.data!.enterprises).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    expect([...ids(first), ...ids(second)].sort()).toEqual([ruifeng.enterpriseId, reversed.enterpriseId, apart.enterpriseId].sort());
  });

  it('answers a search that matches nothing with an empty page, and a blank one with the whole list', async () => {
    const none = await list({ search: `${TAG}${TAG}` });
    expect(none.data!.enterprises).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
    const blank = await list({ search: '  ', first: 1 });
    expect(blank.errors).toBeUndefined();
    expect(blank.data!.enterprises.totalCount).toBeGreaterThanOrEqual(3);
  });

  it('lets no bank officer and no enterprise list or search enterprises', async () => {
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    expect(errorCode(await list({ search: '锐锋' }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await list({ search: '锐锋' }, ruifeng.token))).toBe('FORBIDDEN');
  });
});
