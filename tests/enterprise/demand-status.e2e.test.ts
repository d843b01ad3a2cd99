// Feeds match events (as the matching service will publish them) through Kafka into the
// enterprise service and watches the demand through the gateway.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import {
  matchAccepted,
  matchFunded,
  matchOffered,
  matchProposed,
  matchRejected,
  matchResponded,
  matchWithdrawn,
  type EventDefinition,
  type MatchStatus,
} from '@yinqi/contracts';
import { EventPublisher, newEvent } from '@yinqi/events';
import { collectMessages, distinctEvents, errorCode, gql, infraUrls, waitFor } from '@yinqi/testing';
import { createOfficer, postDemand, registerEnterprise, signInAdmin } from '../support/actors';

const DEMAND = 'query($id:ID!){ demand(id:$id){ id status enterprise { id name } } }';
const DEMAND_TOPIC = `${process.env.YINQI_TOPIC_PREFIX}.demand`;

let admin: string;
let publisher: EventPublisher;
beforeAll(async () => {
  admin = await signInAdmin();
  publisher = new EventPublisher(new Kafka({ brokers: infraUrls().brokers, clientId: 'enterprise-e2e', logLevel: logLevel.NOTHING }));
  await publisher.connect();
});
afterAll(async () => {
  await publisher.disconnect();
});

/** One match on a demand; each call publishes its next version with the given status. */
function aMatch(demand: { id: string; enterpriseId: string }, bankId: string) {
  const matchId = randomUUID();
  let version = 0;
  const event = (def: EventDefinition, status: MatchStatus, at = ++version) =>
    newEvent(def, {
      key: matchId,
      version: at,
      source: 'matching-test',
      data: {
        match: {
          matchId,
          demandId: demand.id,
          enterpriseId: demand.enterpriseId,
          productId: `product-${matchId.slice(0, 8)}`,
          bankId,
          score: 72.5,
          status,
          offer:
            status === 'OFFERED' || status === 'ACCEPTED' || status === 'FUNDED'
              ? { amount: 1_000_000, annualRate: 3.6, termMonths: 12, conditions: null }
              : null,
          amount: 1_000_000,
          needsGuarantee: false,
          createdAt: new Date().toISOString(),
        },
      },
    });
  return { matchId, event, publish: (def: EventDefinition, status: MatchStatus) => publisher.publish([event(def, status)]) };
}

async function statusOf(id: string, token: string) {
  return (await gql(DEMAND, { id }, token)).data?.demand?.status as string | undefined;
}
const reaches = (id: string, token: string, status: string) =>
  waitFor(async () => (await statusOf(id, token)) === status, { message: `demand ${status}` });

/** A demand no real product matches (a 0.01% rate cap), so only the events fed here move it. */
async function anUnmatchableDemand() {
  const ent = await registerEnterprise({ name: '重庆大足状态测试有限公司' });
  const d = await postDemand(ent.token, { maxAnnualRate: 0.01, amount: 1_000_000 });
  return { ent, demand: { id: d.id, enterpriseId: ent.enterpriseId } };
}

describe('a demand follows its matches', () => {
  it('goes MATCHED → OFFERED → ACCEPTED → FUNDED, then cannot be withdrawn, emitting demand.status-changed each time', async () => {
    const collector = await collectMessages([DEMAND_TOPIC]);
    try {
      const { ent, demand } = await anUnmatchableDemand();
      const bank = await createOfficer(admin, 'BANK_OFFICER');
      const m1 = aMatch(demand, bank.institutionId);
      const m2 = aMatch(demand, bank.institutionId);
      await m1.publish(matchProposed, 'PROPOSED');
      await m2.publish(matchProposed, 'PROPOSED');
      await reaches(demand.id, ent.token, 'MATCHED');
      await m1.publish(matchResponded, 'INTERESTED');
      await m1.publish(matchOffered, 'OFFERED');
      await reaches(demand.id, ent.token, 'OFFERED');
      await m1.publish(matchAccepted, 'ACCEPTED');
      await m2.publish(matchRejected, 'REJECTED');
      await reaches(demand.id, ent.token, 'ACCEPTED');
      await m1.publish(matchFunded, 'FUNDED');
      await reaches(demand.id, ent.token, 'FUNDED');
      expect(errorCode(await gql('mutation($id:ID!){ withdrawDemand(id:$id){ id } }', { id: demand.id }, ent.token))).toBe('CONFLICT');

      const transitions = await waitFor(() => {
        const mine = distinctEvents<{
          id: string;
          type: string;
          version: number;
          data: { previousStatus?: string; demand: { status: string } };
        }>(collector.messages, demand.id);
        return mine.length >= 5 ? mine : null;
      });
      expect(transitions.map((e) => [e.type, e.data.previousStatus ?? null, e.data.demand.status])).toEqual([
        ['demand.posted', null, 'OPEN'],
        ['demand.status-changed', 'OPEN', 'MATCHED'],
        ['demand.status-changed', 'MATCHED', 'OFFERED'],
        ['demand.status-changed', 'OFFERED', 'ACCEPTED'],
        ['demand.status-changed', 'ACCEPTED', 'FUNDED'],
      ]);
      const versions = transitions.map((e) => e.version);
      expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    } finally {
      await collector.stop();
    }
  });

  it('returns to OPEN when every match is withdrawn or declined, and a re-delivered event changes nothing', async () => {
    const collector = await collectMessages([DEMAND_TOPIC]);
    try {
      const { ent, demand } = await anUnmatchableDemand();
      const bankA = await createOfficer(admin, 'BANK_OFFICER');
      const bankB = await createOfficer(admin, 'BANK_OFFICER');
      const a = aMatch(demand, bankA.institutionId);
      const b = aMatch(demand, bankB.institutionId);
      const proposedA = a.event(matchProposed, 'PROPOSED');
      await publisher.publish([proposedA, proposedA, b.event(matchProposed, 'PROPOSED')]);
      await reaches(demand.id, ent.token, 'MATCHED');
      const withdrawnA = a.event(matchWithdrawn, 'WITHDRAWN');
      await publisher.publish([withdrawnA, withdrawnA]);
      await b.publish(matchResponded, 'DECLINED');
      await reaches(demand.id, ent.token, 'OPEN');
      const changes = await waitFor(() => {
        // Two enterprise replicas' relays may both publish one outbox event: at-least-once, one id.
        const mine = distinctEvents<{ id: string; data: { previousStatus?: string; demand: { status: string } } }>(
          collector.messages,
          demand.id,
        );
        return mine.length >= 3 ? mine : null;
      });
      expect(changes.map((e) => `${e.data.previousStatus ?? '∅'}->${e.data.demand.status}`)).toEqual([
        '∅->OPEN',
        'OPEN->MATCHED',
        'MATCHED->OPEN',
      ]);
    } finally {
      await collector.stop();
    }
  });

  it('lets a bank with a match read the demand and the enterprise; other banks stay FORBIDDEN', async () => {
    const { ent, demand } = await anUnmatchableDemand();
    const matched = await createOfficer(admin, 'BANK_OFFICER');
    const unmatched = await createOfficer(admin, 'BANK_OFFICER');
    expect(errorCode(await gql(DEMAND, { id: demand.id }, matched.token))).toBe('FORBIDDEN');
    await aMatch(demand, matched.institutionId).publish(matchProposed, 'PROPOSED');
    const seen = await waitFor(async () => (await gql(DEMAND, { id: demand.id }, matched.token)).data?.demand);
    expect(seen).toMatchObject({ id: demand.id, enterprise: { id: ent.enterpriseId, name: '重庆大足状态测试有限公司' } });
    const profile = await gql('query($id:ID!){ enterprise(id:$id){ id name } }', { id: ent.enterpriseId }, matched.token);
    expect(profile.data!.enterprise).toEqual({ id: ent.enterpriseId, name: '重庆大足状态测试有限公司' });
    expect(errorCode(await gql(DEMAND, { id: demand.id }, unmatched.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql('query($id:ID!){ enterprise(id:$id){ id } }', { id: ent.enterpriseId }, unmatched.token))).toBe('FORBIDDEN');
  });

  it('stays WITHDRAWN when matches arrive after the enterprise withdrew it', async () => {
    const { ent, demand } = await anUnmatchableDemand();
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    await gql('mutation($id:ID!){ withdrawDemand(id:$id){ id } }', { id: demand.id }, ent.token);
    await aMatch(demand, bank.institutionId).publish(matchProposed, 'PROPOSED');
    // Once the bank can see it the event was applied; the status did not move.
    await waitFor(async () => (await gql(DEMAND, { id: demand.id }, bank.token)).data?.demand);
    expect(await statusOf(demand.id, ent.token)).toBe('WITHDRAWN');
  });
});
