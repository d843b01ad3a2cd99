import { collectMessages, errorCode, gql, waitFor, type GraphQLResult } from '@yinqi/testing';
import { certifyEnterprise, createOfficer, registerEnterprise, signInAdmin } from '../support/actors';

const CERTIFY =
  'mutation($id:ID!,$tier:EnterpriseTier!,$w:Boolean!){ certifyEnterprise(enterpriseId:$id,tier:$tier,whitelisted:$w){ id tier whitelisted } }';
const LIST =
  'query($tier:EnterpriseTier,$first:Int,$after:String){ enterprises(tier:$tier,first:$first,after:$after){ edges { cursor node { id tier } } pageInfo { hasNextPage endCursor } totalCount } }';
interface ListResult {
  enterprises: {
    edges: { cursor: string; node: { id: string; tier: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}
const ENTERPRISE_TOPIC = `${process.env.YINQI_TOPIC_PREFIX}.enterprise`;

let admin: string;
let adminUserId: string;
beforeAll(async () => {
  admin = await signInAdmin();
  adminUserId = (await gql('{ me { id } }', {}, admin)).data!.me.id;
});

/** Waits until the finance centre can see the new enterprise (enterprise.registered projected). */
async function registered() {
  const ent = await registerEnterprise();
  await waitFor(async () => (await gql('query($id:ID!){ enterprise(id:$id){ id } }', { id: ent.enterpriseId }, admin)).data?.enterprise);
  return ent;
}

describe('certification by the finance centre (梯度培育库 / 白名单)', () => {
  it('sets tier and white list, visible to the enterprise, and emits enterprise.certified with the full snapshot', async () => {
    const collector = await collectMessages([ENTERPRISE_TOPIC]);
    try {
      const ent = await registered();
      const r = await gql(CERTIFY, { id: ent.enterpriseId, tier: 'MUNICIPAL_SRDI', w: true }, admin);
      expect(r.errors).toBeUndefined();
      expect(r.data!.certifyEnterprise).toEqual({ id: ent.enterpriseId, tier: 'MUNICIPAL_SRDI', whitelisted: true });
      const own = await gql('query($id:ID!){ enterprise(id:$id){ tier whitelisted } }', { id: ent.enterpriseId }, ent.token);
      expect(own.data!.enterprise).toEqual({ tier: 'MUNICIPAL_SRDI', whitelisted: true });

      const event = await waitFor(
        () =>
          collector.messages
            .filter((m) => m.key === ent.enterpriseId)
            .map((m) => JSON.parse(m.value!))
            .find((e) => e.type === 'enterprise.certified'),
        { message: 'enterprise.certified on the enterprise topic' },
      );
      expect(event).toMatchObject({
        key: ent.enterpriseId,
        version: 2, // version 1 is identity's enterprise.registered
        source: 'enterprise',
        data: {
          enterprise: { enterpriseId: ent.enterpriseId, tier: 'MUNICIPAL_SRDI', whitelisted: true, industry: '五金', town: '龙水镇' },
          previousTier: 'NONE',
          certifiedBy: adminUserId,
        },
      });
    } finally {
      await collector.stop();
    }
  });

  it('continues the aggregate versions across profile updates and re-certifications', async () => {
    const collector = await collectMessages([ENTERPRISE_TOPIC]);
    try {
      const ent = await registered();
      await gql('mutation{ updateEnterpriseProfile(input:{employees:50}){ id } }', {}, ent.token);
      await certifyEnterprise(admin, ent.enterpriseId, 'INNOVATIVE_SME', false);
      await certifyEnterprise(admin, ent.enterpriseId, 'INNOVATIVE_SME', true);
      // Delivery is at least once (a collector that rebalances reads again): compare distinct events.
      const mine = () => [
        ...new Map(
          collector.messages
            .filter((m) => m.key === ent.enterpriseId)
            .map((m) => JSON.parse(m.value!))
            .map((e) => [e.id, e]),
        ).values(),
      ];
      await waitFor(() => mine().length >= 4, { message: 'four enterprise events' });
      expect(mine().map((e) => [e.type, e.version])).toEqual([
        ['enterprise.registered', 1],
        ['enterprise.profile-updated', 2],
        ['enterprise.certified', 3],
        ['enterprise.certified', 4],
      ]);
    } finally {
      await collector.stop();
    }
  });

  it('is refused to everyone else, for unknown tiers and for unknown enterprises', async () => {
    const ent = await registered();
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    expect(errorCode(await gql(CERTIFY, { id: ent.enterpriseId, tier: 'SINGLE_CHAMPION', w: true }, ent.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(CERTIFY, { id: ent.enterpriseId, tier: 'SINGLE_CHAMPION', w: true }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(CERTIFY, { id: ent.enterpriseId, tier: 'GIANT', w: true }, admin))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await gql(`mutation{ certifyEnterprise(enterpriseId:"${ent.enterpriseId}",tier:GIANT,whitelisted:true){ id } }`, {}, admin),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(CERTIFY, { id: 'no-such-enterprise', tier: 'NONE', w: false }, admin))).toBe('NOT_FOUND');
    const unchanged = await gql('query($id:ID!){ enterprise(id:$id){ tier whitelisted } }', { id: ent.enterpriseId }, admin);
    expect(unchanged.data!.enterprise).toEqual({ tier: 'NONE', whitelisted: false });
  });
});

describe('enterprises(tier) for the finance centre', () => {
  it('filters by tier and pages newest first without losing or repeating anyone', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const ent = await registered();
      await certifyEnterprise(admin, ent.enterpriseId, 'SINGLE_CHAMPION', i % 2 === 0);
      mine.push(ent.enterpriseId);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 500; page += 1) {
      const r: GraphQLResult<ListResult> = await gql<ListResult>(LIST, { tier: 'SINGLE_CHAMPION', first: 2, after }, admin);
      expect(r.errors).toBeUndefined();
      const conn = r.data!.enterprises;
      expect(conn.edges.length).toBeLessThanOrEqual(2);
      expect(conn.totalCount).toBeGreaterThanOrEqual(3);
      for (const e of conn.edges) expect(e.node.tier).toBe('SINGLE_CHAMPION');
      seen.push(...conn.edges.map((e) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Newest registration first.
    expect(seen.filter((id) => mine.includes(id))).toEqual([...mine].reverse());

    const all = await gql<ListResult>(LIST, { first: 100 }, admin);
    expect(all.data!.enterprises.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining(mine));
    const none = await gql<ListResult>(LIST, { tier: 'NATIONAL_LITTLE_GIANT', first: 100 }, admin);
    expect(none.data!.enterprises.edges.map((e) => e.node.id)).not.toEqual(expect.arrayContaining([mine[0]]));
  });

  it('refuses bad page arguments and callers other than the finance centre', async () => {
    const ent = await registerEnterprise();
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    expect(errorCode(await gql(LIST, { first: 0 }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(LIST, { first: 101 }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(LIST, { after: 'not-a-cursor' }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(LIST, {}, ent.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(LIST, {}, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(LIST, {}))).toBe('UNAUTHENTICATED');
  });
});
