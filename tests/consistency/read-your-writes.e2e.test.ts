// Read-your-writes across services: a command that names something another service created a
// moment earlier succeeds, as a new user would try it — no waiting in between. The enterprise an
// enterprise registers (identity) is certified by the finance centre (enterprise service, which
// learns of it from identity's enterprise.registered event), and put on the listing ladder (capital,
// which learns of it from the same event). The credit path's pairs: read-your-writes-credit.e2e.test.ts.
import { gql } from '@yinqi/testing';
import { registerEnterprise, signInAdmin } from '../support/actors';

const CERTIFY =
  'mutation($id:ID!,$tier:EnterpriseTier!,$w:Boolean!){ certifyEnterprise(enterpriseId:$id,tier:$tier,whitelisted:$w){ id tier whitelisted } }';
const LISTING = 'mutation($id:ID!,$stage:ListingStage!){ setListingStage(enterpriseId:$id, stage:$stage){ enterprise { id } stage } }';
const SEQUENCES = Number(process.env.READ_YOUR_WRITES_SEQUENCES ?? 40);

let admin: string;
beforeAll(async () => {
  admin = await signInAdmin();
});

describe('read-your-writes across services', () => {
  it(`certifies an enterprise right after it registered, ${SEQUENCES} times back to back`, async () => {
    const failures: string[] = [];
    for (let i = 0; i < SEQUENCES; i++) {
      const ent = await registerEnterprise({ name: `重庆读写一致${i}五金有限公司` });
      const r = await gql<{ certifyEnterprise: { id: string; tier: string; whitelisted: boolean } }>(
        CERTIFY,
        { id: ent.enterpriseId, tier: 'INNOVATIVE_SME', w: i % 2 === 0 },
        admin,
      );
      if (!r.data) failures.push(`#${i}: ${JSON.stringify(r.errors)}`);
      else expect(r.data.certifyEnterprise).toEqual({ id: ent.enterpriseId, tier: 'INNOVATIVE_SME', whitelisted: i % 2 === 0 });
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it(`puts an enterprise on the listing ladder right after it registered, ${SEQUENCES} times back to back`, async () => {
    const failures: string[] = [];
    for (let i = 0; i < SEQUENCES; i++) {
      const ent = await registerEnterprise({ name: `重庆上市后备${i}科技有限公司` });
      const r = await gql<{ setListingStage: { enterprise: { id: string }; stage: string } }>(
        LISTING,
        { id: ent.enterpriseId, stage: 'RESERVE' },
        admin,
      );
      if (!r.data) failures.push(`#${i}: ${JSON.stringify(r.errors)}`);
      else expect(r.data.setListingStage).toEqual({ enterprise: { id: ent.enterpriseId }, stage: 'RESERVE' });
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('still answers NOT_FOUND at once for an enterprise id nobody issued', async () => {
    const t0 = Date.now();
    const r = await gql(CERTIFY, { id: '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f', tier: 'INNOVATIVE_SME', w: false }, admin);
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(Date.now() - t0).toBeLessThan(4_000); // not the registration wait (ENTERPRISE_PROFILE_WAIT_MS, 5 s)
    const t1 = Date.now();
    const listing = await gql(LISTING, { id: '6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f', stage: 'RESERVE' }, admin);
    expect(listing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(Date.now() - t1).toBeLessThan(4_000); // not capital's wait (CAPITAL_ENTERPRISE_WAIT_MS)
  });
});
