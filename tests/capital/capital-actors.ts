// Small helpers for the capital-markets e2e tests: every call goes through the public gateway.
import { gql, waitFor, type GraphQLResult } from '@yinqi/testing';

/** The data of a call that must succeed; throws with the errors otherwise. */
export async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await gql<T>(query, variables, token);
  if (r.errors?.length || !r.data) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
  return r.data;
}

export const call = <T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<GraphQLResult<T>> => gql<T>(query, variables, token);

export const CANDIDATE =
  'enterprise { id name tier } stage coach history { stage at note setBy } rewardsDue { stage amount } rewardsPaid { stage amount paidAt }';
export const SET_STAGE = `mutation($id:ID!,$s:ListingStage!,$n:String){ setListingStage(enterpriseId:$id, stage:$s, note:$n){ ${CANDIDATE} } }`;
export const ASSIGN_COACH = `mutation($id:ID!,$c:String!){ assignListingCoach(enterpriseId:$id, coach:$c){ ${CANDIDATE} } }`;
export const MARK_PAID = `mutation($id:ID!,$s:ListingStage!){ markListingRewardPaid(enterpriseId:$id, stage:$s){ ${CANDIDATE} } }`;
export const PIPELINE = `query($s:ListingStage,$first:Int,$after:String){ listingPipeline(stage:$s, first:$first, after:$after){ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${CANDIDATE} } } } }`;

export const BOND = 'id enterprise { id name } amount purpose plannedQuarter';
export const ADD_BOND = `mutation($input:BondReserveInput!){ addBondReserve(input:$input){ ${BOND} } }`;
export const BONDS = `query($first:Int,$after:String){ bondReserve(first:$first, after:$after){ totalCount pageInfo { hasNextPage endCursor } edges { node { ${BOND} } } } }`;

export const MATCH =
  'id round { id enterprise { id name } amount } fund { id name } mandate { id name } score reasons { rule passed detail } status note';
export const POST_ROUND =
  'mutation($input:EquityRoundInput!){ postEquityRound(input:$input){ id amount preMoneyValuation useOfFunds status matches { id } } }';
export const MY_ROUNDS = `query{ myEquityRounds{ id amount status matches { ${MATCH} } } }`;
export const PUBLISH_MANDATE =
  'mutation($input:FundMandateInput!){ publishFundMandate(input:$input){ id name fund { id name } minTicket maxTicket eligibleTiers industries stages } }';
export const FUND_MATCHES = `query($first:Int,$after:String){ fundMatches(first:$first, after:$after){ totalCount pageInfo { hasNextPage endCursor } edges { node { ${MATCH} } } } }`;
export const RESPOND = `mutation($id:ID!,$i:Boolean!,$n:String){ respondToFundMatch(matchId:$id, interested:$i, note:$n){ ${MATCH} } }`;

export const ROADSHOW =
  'id title startsAt industries capacity participants { enterprise { id name } pitch } leads { institution { id name } enterprise { id } note }';
export const SCHEDULE = `mutation($input:RoadshowInput!){ scheduleRoadshow(input:$input){ ${ROADSHOW} } }`;
export const JOIN = `mutation($id:ID!,$p:String!){ joinRoadshow(roadshowId:$id, pitch:$p){ ${ROADSHOW} } }`;
export const LEAD = `mutation($id:ID!,$e:ID!,$n:String!){ recordRoadshowLead(roadshowId:$id, enterpriseId:$e, note:$n){ ${ROADSHOW} } }`;
export const ROADSHOWS = `query($u:Boolean,$first:Int,$after:String){ roadshows(upcoming:$u, first:$first, after:$after){ totalCount pageInfo { hasNextPage endCursor } edges { node { ${ROADSHOW} } } } }`;

export interface Candidate {
  enterprise: { id: string; name: string; tier: string };
  stage: string;
  coach: string | null;
  history: { stage: string; at: string; note: string | null; setBy: string }[];
  rewardsDue: { stage: string; amount: number }[];
  rewardsPaid: { stage: string; amount: number; paidAt: string }[];
}
export interface FundMatchView {
  id: string;
  round: { id: string; enterprise: { id: string; name: string }; amount: number };
  fund: { id: string; name: string };
  mandate: { id: string; name: string };
  score: number;
  reasons: { rule: string; passed: boolean; detail: string }[];
  status: string;
  note: string | null;
}
export interface RoadshowView {
  id: string;
  title: string;
  startsAt: string;
  industries: string[];
  capacity: number;
  participants: { enterprise: { id: string; name: string }; pitch: string }[];
  leads: { institution: { id: string; name: string }; enterprise: { id: string }; note: string }[];
}

/** Every node of a connection query, page by page (bounded). */
export async function allPages<N>(
  query: string,
  field: string,
  variables: Record<string, unknown>,
  token: string,
  maxPages = 50,
): Promise<N[]> {
  const out: N[] = [];
  let after: string | null = null;
  for (let i = 0; i < maxPages; i += 1) {
    const data: Record<string, { edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> = await ok(
      query,
      { ...variables, first: 100, after },
      token,
    );
    const conn = data[field]!;
    out.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return out;
}

/** A label unique to this run, for industries no other file uses (so other files' mandates cannot interfere). */
export const uniqueLabel = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

/** Certification by the finance centre, once the enterprise service has built the profile from the registration event. */
export async function certify(admin: string, enterpriseId: string, tier: string, whitelisted = false): Promise<void> {
  await waitFor(
    async () =>
      (await gql<{ enterprise: { id: string } | null }>('query($id:ID!){ enterprise(id:$id){ id } }', { id: enterpriseId }, admin)).data
        ?.enterprise,
    { message: 'enterprise profile' },
  );
  await ok(
    'mutation($id:ID!,$t:EnterpriseTier!,$w:Boolean!){ certifyEnterprise(enterpriseId:$id, tier:$t, whitelisted:$w){ id } }',
    { id: enterpriseId, t: tier, w: whitelisted },
    admin,
  );
}
