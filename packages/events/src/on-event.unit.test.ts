import { equityRoundClosed, equityRoundPosted, fundMandatePublished, type EventEnvelope } from '@yinqi/contracts';
import { onEvent } from './consumer';

const meta = { topic: 't', partition: 0, offset: '0' };
const envelope = (type: string, data: Record<string, unknown>) => ({ type, data, version: 3 }) as unknown as EventEnvelope;

describe('onEvent', () => {
  it('registers one typed handler under every event type it is given, passing data, envelope and meta', async () => {
    const seen: { roundId: string; version: number; offset: string }[] = [];
    const handlers = onEvent([equityRoundPosted, equityRoundClosed], async (data, e, m) => {
      seen.push({ roundId: data.round.roundId, version: e.version, offset: m.offset });
    });
    expect(Object.keys(handlers).sort()).toEqual([equityRoundClosed.type, equityRoundPosted.type].sort());
    await handlers[equityRoundClosed.type]!(envelope(equityRoundClosed.type, { round: { roundId: 'r1' } }), meta);
    expect(seen).toEqual([{ roundId: 'r1', version: 3, offset: '0' }]);
  });

  it('lets a handler failure reach the consumer, which retries it', async () => {
    const handlers = onEvent(fundMandatePublished, async () => {
      throw new Error('store down');
    });
    await expect(handlers[fundMandatePublished.type]!(envelope(fundMandatePublished.type, {}), meta)).rejects.toThrow('store down');
  });
});
