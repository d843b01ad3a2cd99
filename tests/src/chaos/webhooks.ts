// Webhooks under the chaos run's faults (issue 18: "deliveries survive restarts of the webhook service,
// Kafka and the store"). Before the journeys start, each bank and the guarantor register a webhook to
// a real local receiver of this driver's own; the fault schedule then kills the webhook service, the
// broker and FerretDB like everything else. After the journeys, every complete journey's events must
// have reached the right receivers, signed, in order per match (per guarantee request), and no bank
// may have heard of another bank's match. Re-sends are allowed (the contract says at least once) and
// counted in the summary.
import { Receiver, validSignature, type Received } from '../fixtures/webhook-receiver';
import { pause } from './client';
import type { Journey, World } from './journey';

const REGISTER =
  'mutation($url:String!,$events:[WebhookEvent!]!){ registerWebhook(url:$url, events:$events){ signingSecret webhook { id } } }';

const BANK_EVENTS = ['MATCH_PROPOSED', 'MATCH_ACCEPTED', 'GUARANTEE_SELECTED'];
const GUARANTOR_EVENTS = ['GUARANTEE_REQUESTED', 'GUARANTEE_SELECTED'];

interface Subscriber {
  name: string;
  institutionId: string;
  receiver: Receiver;
  secret: string;
}

export interface WebhookWatch {
  subscribers: Subscriber[];
  stop(): Promise<void>;
}

/** Registers one webhook per bank and one for the guarantor, each to a receiver of its own. */
export async function watchWebhooks(world: World, deadline: number): Promise<WebhookWatch> {
  const subscribers: Subscriber[] = [];
  const add = async (name: string, token: string, institutionId: string, events: string[]) => {
    const receiver = await new Receiver().start();
    for (;;) {
      const r = await world.call<any>(REGISTER, { url: receiver.url, events }, token);
      if (r.ok) {
        subscribers.push({ name, institutionId, receiver, secret: r.data.registerWebhook.signingSecret as string });
        return;
      }
      // The webhook service learns institutions from events: NOT_FOUND/FORBIDDEN until it has.
      if ((r.code !== 'NOT_FOUND' && r.code !== 'FORBIDDEN') || Date.now() > deadline)
        throw new Error(`set-up registerWebhook (${name}): ${r.code} ${r.message}`);
      await pause(200);
    }
  };
  for (const [i, bank] of world.banks.entries()) await add(`bank ${i + 1}`, bank.token, bank.institutionId, BANK_EVENTS);
  await add('guarantor', world.guarantor.token, world.guarantor.institutionId, GUARANTOR_EVENTS);
  return {
    subscribers,
    stop: async () => {
      await Promise.all(subscribers.map((s) => s.receiver.stop()));
    },
  };
}

/** One delivery a complete journey must have caused: this event, about this id, at this subscriber. */
interface Expected {
  subscriber: Subscriber;
  event: string;
  key: 'matchId' | 'requestId';
  id: string;
  journey: number;
}

function expectedDeliveries(watch: WebhookWatch, journeys: Journey[]): Expected[] {
  const guarantor = watch.subscribers.find((s) => s.name === 'guarantor')!;
  return journeys.flatMap((j) => {
    const bank = watch.subscribers.find((s) => s.institutionId === j.bank.institutionId)!;
    const one = (subscriber: Subscriber, event: string, key: Expected['key'], id: string): Expected => ({
      subscriber,
      event,
      key,
      id,
      journey: j.n,
    });
    return [
      one(bank, 'MATCH_PROPOSED', 'matchId', j.matchId!),
      one(bank, 'MATCH_ACCEPTED', 'matchId', j.matchId!),
      one(bank, 'GUARANTEE_SELECTED', 'requestId', j.requestId!),
      one(guarantor, 'GUARANTEE_REQUESTED', 'requestId', j.requestId!),
      one(guarantor, 'GUARANTEE_SELECTED', 'requestId', j.requestId!),
    ];
  });
}

const isDelivered = (x: Expected) => x.subscriber.receiver.delivered.some((r) => r.body.event === x.event && r.body.data[x.key] === x.id);

/** Index of the first delivery of `event` about `id` at this receiver (-1: none). */
const firstIndex = (got: Received[], event: string, key: string, id: string) =>
  got.findIndex((r) => r.body.event === event && r.body.data[key] === id);

export interface WebhookCheck {
  violations: string[];
  rows: [string, string | number][];
}

/**
 * Waits (until `deadline`) for every delivery the complete journeys must have caused, then checks
 * signatures, order per aggregate and isolation between the banks.
 */
export async function checkWebhooks(
  watch: WebhookWatch,
  journeys: Journey[],
  opts: { deadline: number; log: (line: string) => void },
): Promise<WebhookCheck> {
  const expected = expectedDeliveries(watch, journeys);
  const started = Date.now();
  while (expected.some((x) => !isDelivered(x)) && Date.now() < opts.deadline) await pause(500);
  const missing = expected.filter((x) => !isDelivered(x));
  opts.log(
    `webhooks: ${expected.length - missing.length} of ${expected.length} expected deliveries arrived (waited ${Date.now() - started} ms)`,
  );
  const violations = missing
    .slice(0, 20)
    .map((x) => `webhook: ${x.subscriber.name} never got ${x.event} for ${x.key} ${x.id} (journey ${x.journey})`);
  if (missing.length > 20) violations.push(`webhook: … and ${missing.length - 20} more deliveries missing`);

  const journeyMatchesOf = new Map<string, string>(journeys.map((j) => [j.matchId!, j.bank.institutionId]));
  for (const s of watch.subscribers) {
    const got = s.receiver.delivered;
    const unsigned = got.filter((r) => !validSignature(s.secret, r));
    if (unsigned.length) violations.push(`webhook: ${s.name} got ${unsigned.length} deliveries without a valid Yinqi-Signature`);
    // Isolation: a bank hears of its own matches only.
    if (s.name !== 'guarantor')
      for (const r of got) {
        const owner = r.body.data.matchId ? journeyMatchesOf.get(r.body.data.matchId) : undefined;
        if (owner && owner !== s.institutionId) violations.push(`webhook: ${s.name} heard of another bank's match ${r.body.data.matchId}`);
      }
    // Order per aggregate: the first delivery of an earlier event comes before the first of a later one.
    const pairs: [string, string, 'matchId' | 'requestId'][] =
      s.name === 'guarantor'
        ? [['GUARANTEE_REQUESTED', 'GUARANTEE_SELECTED', 'requestId']]
        : [['MATCH_PROPOSED', 'MATCH_ACCEPTED', 'matchId']];
    for (const [before, after, key] of pairs)
      for (const x of expected.filter((e) => e.subscriber === s && e.event === after)) {
        const a = firstIndex(got, before, key, x.id);
        const b = firstIndex(got, after, key, x.id);
        if (a >= 0 && b >= 0 && a > b) violations.push(`webhook: ${s.name} got ${after} before ${before} for ${key} ${x.id}`);
      }
  }

  const all = watch.subscribers.flatMap((s) => s.receiver.delivered);
  // The same event id delivered twice to one subscriber: a re-send the contract allows (at least once).
  const ids = new Map<string, number>();
  for (const s of watch.subscribers)
    for (const r of s.receiver.delivered) {
      const k = `${s.name}|${r.body.id}`;
      ids.set(k, (ids.get(k) ?? 0) + 1);
    }
  const resent = [...ids.values()].reduce((sum, n) => sum + n - 1, 0);
  const delays = expected
    .filter(isDelivered)
    .map((x) => {
      const r = x.subscriber.receiver.delivered.find((d) => d.body.event === x.event && d.body.data[x.key] === x.id)!;
      return r.at - Date.parse(r.body.occurredAt);
    })
    .sort((p, q) => p - q);
  const pct = (p: number) =>
    delays.length ? `${(delays[Math.min(delays.length - 1, Math.floor(p * delays.length))]! / 1000).toFixed(1)} s` : '-';
  return {
    violations,
    rows: [
      ['webhook deliveries expected / arrived', `${expected.length} / ${expected.length - missing.length}`],
      ['webhook deliveries received (2xx) / re-sent event ids (at least once)', `${all.length} / ${resent}`],
      ['webhook event → delivery p50 / p95 / max', `${pct(0.5)} / ${pct(0.95)} / ${pct(0.999)}`],
    ],
  };
}
