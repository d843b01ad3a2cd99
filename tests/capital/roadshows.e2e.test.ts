import { errorCode } from '@yinqi/testing';
import { createOfficer, registerEnterprise, signInAdmin, type EnterpriseActor } from '../support/actors';
import { allPages, call, JOIN, LEAD, ok, ROADSHOWS, SCHEDULE, type RoadshowView } from './capital-actors';

// Roadshows (培训路演, item 12) through the gateway: capacity under concurrent sign-ups, leads by
// attending institutions, and who sees what.
// Each test waits on several eventual steps (profiles, matches); under a full parallel run that takes a while.
jest.setTimeout(120_000);
let admin: string;
let ents: EnterpriseActor[];
beforeAll(async () => {
  admin = await signInAdmin();
  ents = await Promise.all(Array.from({ length: 6 }, (_, i) => registerEnterprise({ name: `重庆测试路演企业${i}有限公司` })));
});

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
async function schedule(capacity: number, startsAt = inDays(7)): Promise<RoadshowView> {
  return (
    await ok<{ scheduleRoadshow: RoadshowView }>(
      SCHEDULE,
      { input: { title: `专精特新企业股权融资路演-${capacity}`, startsAt, industries: ['智能制造'], capacity } },
      admin,
    )
  ).scheduleRoadshow;
}
const list = (token: string, upcoming?: boolean) =>
  allPages<RoadshowView>(ROADSHOWS, 'roadshows', upcoming === undefined ? {} : { u: upcoming }, token);

describe('roadshows', () => {
  it('takes sign-ups until full, once per enterprise (CONFLICT otherwise)', async () => {
    const r = await schedule(1);
    expect(r).toMatchObject({ capacity: 1, participants: [], leads: [], industries: ['智能制造'] });
    const joined = await ok<{ joinRoadshow: RoadshowView }>(JOIN, { id: r.id, p: '汽摩配件轻量化项目，拟融资5000万元' }, ents[0]!.token);
    expect(joined.joinRoadshow.participants).toEqual([
      { enterprise: { id: ents[0]!.enterpriseId, name: '重庆测试路演企业0有限公司' }, pitch: '汽摩配件轻量化项目，拟融资5000万元' },
    ]);
    expect(errorCode(await call(JOIN, { id: r.id, p: '再次报名' }, ents[0]!.token))).toBe('CONFLICT');
    expect(errorCode(await call(JOIN, { id: r.id, p: '满员后报名' }, ents[1]!.token))).toBe('CONFLICT');
    const seen = (await list(ents[1]!.token)).find((x) => x.id === r.id)!;
    expect(seen.participants).toHaveLength(1);
  });

  it('leaves exactly `capacity` participants when enterprises race for the last seats', async () => {
    const r = await schedule(2);
    const results = await Promise.all(
      ents.map((e, i) => call<{ joinRoadshow: RoadshowView }>(JOIN, { id: r.id, p: `路演项目${i}` }, e.token)),
    );
    expect(results.filter((x) => !x.errors).length).toBe(2);
    expect(results.filter((x) => x.errors).map(errorCode)).toEqual(Array(ents.length - 2).fill('CONFLICT'));
    const after = (await list(admin)).find((x) => x.id === r.id)!;
    expect(after.participants).toHaveLength(2);
    expect(new Set(after.participants.map((p) => p.enterprise.id)).size).toBe(2);
  });

  it('records leads by bank, guarantor and fund officers on participants, each institution seeing its own', async () => {
    const r = await schedule(3);
    await ok(JOIN, { id: r.id, p: '工业机器人减速器项目' }, ents[2]!.token);
    await ok(JOIN, { id: r.id, p: '五金工具出口项目' }, ents[3]!.token);
    const [bank, guarantor, fund] = await Promise.all([
      createOfficer(admin, 'BANK_OFFICER'),
      createOfficer(admin, 'GUARANTOR_OFFICER'),
      createOfficer(admin, 'FUND_OFFICER'),
    ]);
    const byBank = await ok<{ recordRoadshowLead: RoadshowView }>(
      LEAD,
      { id: r.id, e: ents[2]!.enterpriseId, n: '有意提供专精特新贷' },
      bank.token,
    );
    expect(byBank.recordRoadshowLead.leads).toEqual([
      {
        institution: { id: bank.institutionId, name: expect.any(String) },
        enterprise: { id: ents[2]!.enterpriseId },
        note: '有意提供专精特新贷',
      },
    ]);
    await ok(LEAD, { id: r.id, e: ents[2]!.enterpriseId, n: '可提供担保' }, guarantor.token);
    await ok(LEAD, { id: r.id, e: ents[3]!.enterpriseId, n: '约访尽调' }, fund.token);
    // Recording again replaces the institution's note on that enterprise (one lead per pair).
    await ok(LEAD, { id: r.id, e: ents[3]!.enterpriseId, n: '约访尽调（已排期）' }, fund.token);

    expect(errorCode(await call(LEAD, { id: r.id, e: ents[4]!.enterpriseId, n: '非参会企业' }, bank.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await call(LEAD, { id: r.id, e: ents[2]!.enterpriseId, n: '企业自己' }, ents[2]!.token))).toBe('FORBIDDEN');
    expect(errorCode(await call(LEAD, { id: r.id, e: ents[2]!.enterpriseId, n: '中心' }, admin))).toBe('FORBIDDEN');
    expect(errorCode(await call(LEAD, { id: r.id, e: ents[2]!.enterpriseId, n: 'x'.repeat(2001) }, bank.token))).toBe('BAD_USER_INPUT');

    const asAdmin = (await list(admin)).find((x) => x.id === r.id)!;
    expect(asAdmin.leads.map((l) => [l.institution.id, l.enterprise.id, l.note]).sort()).toEqual(
      [
        [bank.institutionId, ents[2]!.enterpriseId, '有意提供专精特新贷'],
        [guarantor.institutionId, ents[2]!.enterpriseId, '可提供担保'],
        [fund.institutionId, ents[3]!.enterpriseId, '约访尽调（已排期）'],
      ].sort(),
    );
    expect((await list(fund.token)).find((x) => x.id === r.id)!.leads.map((l) => l.note)).toEqual(['约访尽调（已排期）']);
    expect((await list(ents[2]!.token)).find((x) => x.id === r.id)!.leads).toHaveLength(2);
  });

  it('lists upcoming and past roadshows to any signed-in user, and refuses bad input and the wrong roles', async () => {
    const future = await schedule(5, inDays(3));
    const past = await schedule(5, inDays(-3));
    const bank = await createOfficer(admin, 'BANK_OFFICER');
    const upcoming = await list(bank.token, true);
    expect(upcoming.some((x) => x.id === future.id)).toBe(true);
    expect(upcoming.some((x) => x.id === past.id)).toBe(false);
    expect((await list(ents[0]!.token, false)).some((x) => x.id === past.id)).toBe(true);
    expect(errorCode(await call(ROADSHOWS, {}))).toBe('UNAUTHENTICATED');

    const input = { title: '路演', startsAt: inDays(1), capacity: 1 };
    expect(errorCode(await call(SCHEDULE, { input: { ...input, capacity: 0 } }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await call(SCHEDULE, { input: { ...input, title: 'x'.repeat(101) } }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await call(SCHEDULE, { input }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await call(JOIN, { id: future.id, p: 'x'.repeat(2001) }, ents[0]!.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await call(JOIN, { id: future.id, p: '银行报名' }, bank.token))).toBe('FORBIDDEN');
    expect(errorCode(await call(JOIN, { id: 'no-such-roadshow', p: '报名' }, ents[0]!.token))).toBe('NOT_FOUND');
    expect((await list(admin)).find((x) => x.id === future.id)!.participants).toEqual([]);
  });
});
