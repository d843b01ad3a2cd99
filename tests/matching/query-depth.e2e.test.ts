import { errorCode, gql } from '@yinqi/testing';
import { registerEnterprise } from '../support/actors';

// The matchmaking schema is the first with cycles (Demand → matches → Match → demand …), so the
// depth limit is tested here: the identity schema alone cannot nest deeper than the limit.
describe('query depth limit', () => {
  it('refuses a query nested deeper than the limit and stays responsive', async () => {
    const ent = await registerEnterprise();
    let inner = 'id';
    for (let i = 0; i < 6; i += 1) inner = `matches { demand { ${inner} } }`;
    const r = await gql(`{ myDemands { ${inner} } }`, {}, ent.token);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(/depth/i);
    const ok = await gql('{ myDemands { id matches { id demand { id } } } }', {}, ent.token);
    expect(ok.errors).toBeUndefined();
  });
});
