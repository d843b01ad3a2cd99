// The capital-markets part of the demo seed (items 11, 12, 17, 18 and 32): a government guide fund
// (政府引导基金, fictional) with an officer and a mandate, candidates at different listing stages with
// a coach and a paid reward, bond reserve items, an equity round, and a roadshow with participants and
// a lead. Through the gateway only, and idempotent like the rest of the seed: each step checks what is
// there and creates only what is missing (counted with ctx.created).
import { codeOf, type Gql } from './client';
import type { SeedAddOn, SeedContext, SeededEnterprise } from './context';
import { demoEmail } from './data';

const FUND_NAME = '棠城区产业发展引导基金（演示）';
const FUND_OFFICER = demoEmail('fund.tangcheng');
const MANDATE_NAME = '专精特新成长期直投方向';
const ROADSHOW_TITLE = '专精特新企业股权融资路演（第一期）';

const STAGES = ['RESERVE', 'TUTORING', 'NEEQ_BASIC', 'NEEQ_INNOVATION', 'BSE_FILED', 'LISTED'] as const;
type Stage = (typeof STAGES)[number];
const TIER_RANK: Record<string, number> = { SINGLE_CHAMPION: 4, NATIONAL_LITTLE_GIANT: 3, MUNICIPAL_SRDI: 2, INNOVATIVE_SME: 1, NONE: 0 };

/** Where each of the strongest enterprises stands on the listing ladder, the steps recorded on the way, and its coach. */
const LADDER: { steps: Stage[]; notes: string[]; coach: string | null }[] = [
  {
    steps: ['RESERVE', 'TUTORING', 'NEEQ_BASIC', 'NEEQ_INNOVATION'],
    notes: ['纳入区上市后备资源库', '完成辅导备案', '新三板基础层挂牌', '进入新三板创新层'],
    coach: '西南证券 上市辅导组（演示）',
  },
  { steps: ['RESERVE', 'TUTORING'], notes: ['纳入区上市后备资源库', '与券商签订辅导协议并备案'], coach: '长江证券 投行部（演示）' },
  { steps: ['RESERVE', 'NEEQ_BASIC'], notes: ['纳入区上市后备资源库', '已在新三板基础层挂牌'], coach: null },
  { steps: ['RESERVE'], notes: ['纳入区上市后备资源库'], coach: null },
];

async function login(gql: Gql, email: string, password: string): Promise<{ token: string; userId: string; orgId: string | null } | null> {
  try {
    const r = await gql<{ login: { token: string; user: { id: string; orgId: string | null } } }>(
      'mutation($e:String!,$p:String!){ login(email:$e,password:$p){ token user { id orgId } } }',
      { e: email, p: password },
    );
    return { token: r.login.token, userId: r.login.user.id, orgId: r.login.user.orgId };
  } catch (err) {
    if (codeOf(err) === 'UNAUTHENTICATED' || codeOf(err) === 'BAD_USER_INPUT' || codeOf(err) === 'NOT_FOUND') return null;
    throw err;
  }
}

async function ensureFund(ctx: SeedContext): Promise<{ fundId: string; token: string }> {
  const { gql, admin } = ctx;
  const funds = await gql<{ institutions: { id: string; name: string }[] }>(
    'query{ institutions(kind: FUND){ id name } }',
    {},
    admin.token,
  );
  let fundId = funds.institutions.find((f) => f.name === FUND_NAME)?.id;
  if (!fundId) {
    fundId = (
      await gql<{ createInstitution: { id: string } }>(
        'mutation($input:CreateInstitutionInput!){ createInstitution(input:$input){ id } }',
        { input: { kind: 'FUND', name: FUND_NAME } },
        admin.token,
      )
    ).createInstitution.id;
    ctx.created('fund');
  }
  let session = await login(gql, FUND_OFFICER, ctx.password);
  if (!session) {
    await gql(
      'mutation($input:CreateUserInput!){ createUser(input:$input){ id } }',
      { input: { email: FUND_OFFICER, password: ctx.password, role: 'FUND_OFFICER', institutionId: fundId } },
      admin.token,
    );
    ctx.created('officer');
    session = await login(gql, FUND_OFFICER, ctx.password);
    if (!session) throw new Error('seed: the fund officer cannot sign in');
  }
  return { fundId, token: session.token };
}

async function pipeline(ctx: SeedContext): Promise<Map<string, { stage: Stage; coach: string | null; rewardsDue: { stage: Stage }[] }>> {
  const out = new Map<string, { stage: Stage; coach: string | null; rewardsDue: { stage: Stage }[] }>();
  let after: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const r: {
      listingPipeline: {
        edges: { node: { enterprise: { id: string }; stage: Stage; coach: string | null; rewardsDue: { stage: Stage }[] } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } = await ctx.gql(
      'query($after:String){ listingPipeline(first: 100, after: $after){ edges { node { enterprise { id } stage coach rewardsDue { stage } } } pageInfo { hasNextPage endCursor } } }',
      { after },
      ctx.admin.token,
    );
    for (const e of r.listingPipeline.edges) out.set(e.node.enterprise.id, e.node);
    if (!r.listingPipeline.pageInfo.hasNextPage) break;
    after = r.listingPipeline.pageInfo.endCursor;
  }
  return out;
}

async function seedListing(ctx: SeedContext, candidates: SeededEnterprise[]): Promise<void> {
  const current = await pipeline(ctx);
  for (const [i, ent] of candidates.entries()) {
    const plan = LADDER[i]!;
    const at = current.get(ent.id);
    const from = at ? STAGES.indexOf(at.stage) : -1;
    for (const [j, stage] of plan.steps.entries()) {
      if (STAGES.indexOf(stage) <= from) continue;
      await ctx.gql(
        'mutation($id:ID!,$s:ListingStage!,$n:String){ setListingStage(enterpriseId:$id, stage:$s, note:$n){ stage } }',
        { id: ent.id, s: stage, n: plan.notes[j] ?? null },
        ctx.admin.token,
      );
      ctx.created('listing stage');
    }
    if (plan.coach && !at?.coach) {
      await ctx.gql(
        'mutation($id:ID!,$c:String!){ assignListingCoach(enterpriseId:$id, coach:$c){ coach } }',
        { id: ent.id, c: plan.coach },
        ctx.admin.token,
      );
      ctx.created('listing coach');
    }
  }
  // The front-runner's 辅导备案 reward is paid; its later ones stay due (the board shows both).
  const leader = candidates[0];
  if (leader) {
    const after = (await pipeline(ctx)).get(leader.id);
    if (after?.rewardsDue.some((r) => r.stage === 'TUTORING')) {
      await ctx.gql(
        'mutation($id:ID!){ markListingRewardPaid(enterpriseId:$id, stage: TUTORING){ stage } }',
        { id: leader.id },
        ctx.admin.token,
      );
      ctx.created('listing reward paid');
    }
  }
}

async function seedBonds(ctx: SeedContext, candidates: SeededEnterprise[]): Promise<void> {
  const r = await ctx.gql<{ bondReserve: { edges: { node: { enterprise: { id: string }; purpose: string } }[] } }>(
    'query{ bondReserve(first: 100){ edges { node { enterprise { id } purpose } } } }',
    {},
    ctx.admin.token,
  );
  const have = new Set(r.bondReserve.edges.map((e) => `${e.node.enterprise.id}|${e.node.purpose}`));
  const items = [
    {
      ent: candidates[0],
      amount: 150_000_000,
      purpose: '智能化生产线技改项目（拟发行科技创新公司债）',
      plannedQuarter: `${ctx.now.getUTCFullYear() + 1}Q2`,
    },
    {
      ent: candidates[1],
      amount: 80_000_000,
      purpose: '新厂房及研发中心建设（拟发行中小企业集合债）',
      plannedQuarter: `${ctx.now.getUTCFullYear() + 1}Q3`,
    },
  ];
  for (const it of items) {
    if (!it.ent || have.has(`${it.ent.id}|${it.purpose}`)) continue;
    await ctx.gql(
      'mutation($input:BondReserveInput!){ addBondReserve(input:$input){ id } }',
      { input: { enterpriseId: it.ent.id, amount: it.amount, purpose: it.purpose, plannedQuarter: it.plannedQuarter } },
      ctx.admin.token,
    );
    ctx.created('bond reserve item');
  }
}

async function seedEquity(ctx: SeedContext, fund: { token: string }, candidates: SeededEnterprise[]): Promise<void> {
  const mandates = await ctx.gql<{ myFundMandates: { name: string }[] }>('query{ myFundMandates { name } }', {}, fund.token);
  if (!mandates.myFundMandates.some((m) => m.name === MANDATE_NAME)) {
    const industries = [...new Set(candidates.map((c) => c.industry))];
    await ctx.gql(
      'mutation($input:FundMandateInput!){ publishFundMandate(input:$input){ id } }',
      {
        input: {
          name: MANDATE_NAME,
          minTicket: 5_000_000,
          maxTicket: 50_000_000,
          eligibleTiers: ['MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT', 'SINGLE_CHAMPION'],
          industries,
          stages: [],
        },
      },
      fund.token,
    );
    ctx.created('fund mandate');
  }
  const founder = candidates[0];
  if (!founder) return;
  const rounds = await ctx.gql<{ myEquityRounds: { id: string }[] }>('query{ myEquityRounds { id } }', {}, founder.token);
  if (rounds.myEquityRounds.length === 0) {
    await ctx.gql(
      'mutation($input:EquityRoundInput!){ postEquityRound(input:$input){ id } }',
      { input: { amount: 30_000_000, preMoneyValuation: 450_000_000, useOfFunds: '北交所上市前扩产及研发投入（Pre-IPO 轮）' } },
      founder.token,
    );
    ctx.created('equity round');
  }
}

async function seedRoadshow(ctx: SeedContext, fund: { fundId: string; token: string }, candidates: SeededEnterprise[]): Promise<void> {
  const list = await ctx.gql<{
    roadshows: {
      edges: {
        node: {
          id: string;
          title: string;
          participants: { enterprise: { id: string } }[];
          leads: { institution: { id: string }; enterprise: { id: string } }[];
        };
      }[];
    };
  }>(
    'query{ roadshows(first: 100){ edges { node { id title participants { enterprise { id } } leads { institution { id } enterprise { id } } } } } }',
    {},
    ctx.admin.token,
  );
  let show = list.roadshows.edges.map((e) => e.node).find((r) => r.title === ROADSHOW_TITLE);
  if (!show) {
    const startsAt = new Date(ctx.now.getTime() + 14 * 86_400_000).toISOString();
    const r = await ctx.gql<{ scheduleRoadshow: NonNullable<typeof show> }>(
      'mutation($input:RoadshowInput!){ scheduleRoadshow(input:$input){ id title participants { enterprise { id } } leads { institution { id } enterprise { id } } } }',
      { input: { title: ROADSHOW_TITLE, startsAt, industries: [...new Set(candidates.map((c) => c.industry))], capacity: 8 } },
      ctx.admin.token,
    );
    show = r.scheduleRoadshow;
    ctx.created('roadshow');
  }
  const pitches = [
    '主营精密五金工具，拟融资3000万元用于扩产，计划2年内申报北交所',
    '汽摩零部件轻量化项目，寻求战略投资',
    '新三板挂牌企业，拟引入产业基金支持研发',
  ];
  for (const [i, ent] of candidates.slice(0, 3).entries()) {
    if (show.participants.some((p) => p.enterprise.id === ent.id)) continue;
    try {
      await ctx.gql(
        'mutation($id:ID!,$p:String!){ joinRoadshow(roadshowId:$id, pitch:$p){ id } }',
        { id: show.id, p: pitches[i]! },
        ent.token,
      );
      ctx.created('roadshow participant');
    } catch (err) {
      if (codeOf(err) !== 'CONFLICT') throw err; // joined meanwhile, or full
    }
  }
  const target = candidates[0];
  if (target && !show.leads.some((l) => l.institution.id === fund.fundId && l.enterprise.id === target.id)) {
    await ctx.gql(
      'mutation($id:ID!,$e:ID!,$n:String!){ recordRoadshowLead(roadshowId:$id, enterpriseId:$e, note:$n){ id } }',
      { id: show.id, e: target.id, n: '路演后约访，拟安排尽职调查' },
      fund.token,
    );
    ctx.created('roadshow lead');
  }
}

/**
 * Called by the demo seed (./seed.ts) after enterprises, banks and demands exist. The four strongest
 * enterprises by tier become listing candidates; the fund officer's login is returned for printing.
 */
export const seedCapital: SeedAddOn = async (ctx) => {
  const candidates = [...ctx.enterprises]
    .sort((a, b) => (TIER_RANK[b.tier] ?? 0) - (TIER_RANK[a.tier] ?? 0) || a.key.localeCompare(b.key))
    .slice(0, LADDER.length);
  ctx.log('capital markets: guide fund, listing pipeline, bond reserve, equity round, roadshow…');
  const fund = await ensureFund(ctx);
  await seedListing(ctx, candidates);
  await seedBonds(ctx, candidates);
  await seedEquity(ctx, fund, candidates);
  await seedRoadshow(ctx, fund, candidates);
  return { logins: [{ role: 'FUND_OFFICER', who: FUND_NAME, email: FUND_OFFICER, password: ctx.password }] };
};
