import { activeDomains, buildSchema } from './schema';
import type { MatchFeed } from './match-feed';

// `npm start` with YINQI_ONLY_SERVICES, the benchmarks and a partial deployment start the gateway
// over any subset of the services: every subset must give a schema (a type one domain uses must
// not live in a domain that may be absent — SlaBasis once did).
describe('the gateway schema over any subset of the services', () => {
  const names = ['identity', 'enterprise', 'product', 'matching', 'guarantee', 'loan', 'capital', 'monitor'];
  it('builds for each of the 128 subsets that include identity', () => {
    const failures: string[] = [];
    for (let mask = 0; mask < 1 << names.length; mask += 1) {
      const on = names.filter((_, i) => mask & (1 << i));
      if (!on.includes('identity')) continue;
      try {
        buildSchema(
          activeDomains((n) => on.includes(n)),
          { matchFeed: {} as MatchFeed },
        );
      } catch (err) {
        failures.push(`${on.join(',')}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
