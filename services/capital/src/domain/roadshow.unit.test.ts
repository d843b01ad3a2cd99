import { checkJoin, visibleLeads } from './roadshows';

const lead = (institutionId: string, enterpriseId: string) => ({
  institutionId,
  enterpriseId,
  note: 'n',
  recordedAt: new Date(),
  recordedBy: 'u',
});

describe('roadshow rules', () => {
  it('lets an enterprise join until the roadshow is full, once', () => {
    expect(checkJoin({ capacity: 2, participants: [] }, 'e1')).toBeNull();
    const one = [{ enterpriseId: 'e1', pitch: 'p', joinedAt: new Date() }];
    expect(checkJoin({ capacity: 2, participants: one }, 'e1')?.code).toBe('CONFLICT');
    expect(checkJoin({ capacity: 2, participants: one }, 'e2')).toBeNull();
    expect(checkJoin({ capacity: 1, participants: one }, 'e2')?.code).toBe('CONFLICT');
  });

  it('shows leads to the finance centre, the recording institution and the enterprise concerned only', () => {
    const leads = [lead('bank1', 'e1'), lead('fund1', 'e2')];
    expect(visibleLeads({ userId: 'a', role: 'FINANCE_CENTER' }, leads)).toHaveLength(2);
    expect(visibleLeads({ userId: 'b', role: 'BANK_OFFICER', orgId: 'bank1' }, leads).map((l) => l.enterpriseId)).toEqual(['e1']);
    expect(visibleLeads({ userId: 'c', role: 'ENTERPRISE', orgId: 'e2' }, leads).map((l) => l.institutionId)).toEqual(['fund1']);
    expect(visibleLeads({ userId: 'd', role: 'GUARANTOR_OFFICER', orgId: 'g9' }, leads)).toEqual([]);
  });
});
