// A bank officer finds matches in the inbox by enterprise name (issue 19): only the bank's own
// matches, paged like the inbox.
import { errorCode, gql, waitFor } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin } from '../support/actors';
import { certify, postDemand, publishProduct, waitForMatches } from './journey';

const INBOX = `query($name:String,$first:Int,$after:String){
  bankMatches(enterpriseName:$name,first:$first,after:$after){
    edges { node { id bank { id } demand { id enterprise { id name } } } } pageInfo { hasNextPage endCursor } totalCount } }`;
interface Inbox {
  bankMatches: {
    edges: { node: { id: string; bank: { id: string }; demand: { id: string; enterprise: { id: string; name: string } } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}

const TAG = Array.from({ length: 3 }, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');

describe("a bank's match search by enterprise name", () => {
  it('finds only its own matches with enterprises of that name, page by page', async () => {
    const admin = await signInAdmin();
    const industry = `五金-搜索-${Date.now()}`; // only this test's products match this test's demands
    const [bankA, bankB, ruifeng, other] = await Promise.all([
      createOfficer(admin, 'BANK_OFFICER'),
      createOfficer(admin, 'BANK_OFFICER'),
      registerEnterprise({ name: `重庆锐锋${TAG}五金工具有限公司`, industry }),
      registerEnterprise({ name: `重庆恒泰${TAG}机械有限公司`, industry }),
    ]);
    await Promise.all([ruifeng, other].map((e) => certify(admin, e.enterpriseId, 'MUNICIPAL_SRDI', true)));
    const products = await Promise.all([
      publishProduct(bankA.token, { name: '五金产业贷', industries: [industry] }),
      publishProduct(bankB.token, { name: '五金产业贷', industries: [industry] }),
    ]);
    const demands = await Promise.all([postDemand(ruifeng.token), postDemand(ruifeng.token), postDemand(other.token)]);
    await Promise.all(
      demands.map((d, i) =>
        waitForMatches(i < 2 ? ruifeng.token : other.token, d.id, products, (ms) => ms.length === 2, 'both banks match'),
      ),
    );

    const inbox = (token: string, vars: Record<string, unknown>) => gql<Inbox>(INBOX, vars, token);
    // The name's keys are written when matching stores its copy of the enterprise.
    const found = await waitFor(
      async () => {
        const r = await inbox(bankA.token, { name: `锐锋${TAG}`, first: 10 });
        return r.data?.bankMatches.totalCount === 2 ? r : null;
      },
      { message: "bank A's two matches with 锐锋" },
    );
    const nodes = found.data!.bankMatches.edges.map((e) => e.node);
    expect(nodes.map((n) => n.demand.id).sort()).toEqual([demands[0].id, demands[1].id].sort());
    expect(nodes.every((n) => n.bank.id === bankA.institutionId && n.demand.enterprise.id === ruifeng.enterpriseId)).toBe(true);

    const page1 = await inbox(bankA.token, { name: TAG, first: 2 });
    expect(page1.data!.bankMatches).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const page2 = await inbox(bankA.token, { name: TAG, first: 2, after: page1.data!.bankMatches.pageInfo.endCursor });
    expect(page2.data!.bankMatches).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    const all = [...page1.data!.bankMatches.edges, ...page2.data!.bankMatches.edges].map((e) => e.node.demand.id).sort();
    expect(all).toEqual(demands.map((d) => d.id).sort());

    const ofB = await inbox(bankB.token, { name: `锐锋${TAG}`, first: 10 });
    expect(ofB.data!.bankMatches.totalCount).toBe(2);
    expect(ofB.data!.bankMatches.edges.every((e) => e.node.bank.id === bankB.institutionId)).toBe(true);

    const none = await inbox(bankA.token, { name: `${TAG}${TAG}` });
    expect(none.data!.bankMatches).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
    expect(errorCode(await inbox(ruifeng.token, { name: '锐锋' }))).toBe('FORBIDDEN');
  });
});
