import { collectMessages, distinctEvents, gql, waitFor, type CollectedMessage } from '@yinqi/testing';
import { createInstitution, createOfficer, signInAdmin } from '../support/actors';
import { published, SUSPEND } from './product-factory';

const TOPIC = `${process.env.YINQI_TOPIC_PREFIX ?? 'yinqi'}.product`;

let collector: { messages: CollectedMessage[]; stop: () => Promise<void> };
beforeAll(async () => {
  collector = await collectMessages([TOPIC]);
});
afterAll(async () => {
  await collector?.stop();
});

interface Envelope {
  id: string;
  type: string;
  version: number;
  key: string;
  source: string;
  data: { product: Record<string, unknown> };
}

/**
 * The distinct events about one product, in arrival order. Delivery is at least once (a relay
 * retry or a consumer-group rebalance may hand the collector the same envelope twice).
 */
function eventsOf(productId: string): Envelope[] {
  return distinctEvents<Envelope>(collector.messages, productId);
}

describe('product events on Kafka', () => {
  it('announces a published product, then its suspension, keyed by product id with rising versions', async () => {
    const admin = await signInAdmin();
    const bank = await createInstitution(admin, 'BANK');
    const officer = (await createOfficer(admin, 'BANK_OFFICER', bank.id)).token;
    const p = await published(officer, {
      name: '央行再贷款+',
      policyTags: ['RELENDING'],
      rdUpliftThreshold: 1_000_000,
      rdUpliftRatio: 0.2,
    });

    const [publishedEvent] = await waitFor(() => (eventsOf(p.id).length >= 1 ? eventsOf(p.id) : undefined), {
      message: `product.published for ${p.id} on ${TOPIC}`,
    });
    expect(publishedEvent).toMatchObject({
      type: 'product.published',
      version: 1,
      key: p.id,
      source: 'product',
      data: {
        product: {
          productId: p.id,
          bankId: bank.id,
          name: '央行再贷款+',
          status: 'PUBLISHED',
          policyTags: ['RELENDING'],
          rdUpliftThreshold: 1_000_000,
          rdUpliftRatio: 0.2,
          eligibleTiers: [],
        },
      },
    });

    await gql(SUSPEND, { id: p.id }, officer);
    await gql(SUSPEND, { id: p.id }, officer);
    const events = await waitFor(() => (eventsOf(p.id).length >= 2 ? eventsOf(p.id) : undefined), {
      message: `product.suspended for ${p.id}`,
    });
    expect(events[1]).toMatchObject({ type: 'product.suspended', version: 2, data: { product: { productId: p.id, status: 'SUSPENDED' } } });
    // The second suspend changed nothing, so it announced nothing. A later write's event being
    // through the relay gives a stray one the time to arrive, without a fixed sleep.
    const later = await published(officer, { name: '无还本续贷' });
    await waitFor(() => eventsOf(later.id).length >= 1, { message: `product.published for ${later.id}` });
    expect(eventsOf(p.id).map((e) => e.type)).toEqual(['product.published', 'product.suspended']);
  });
});
