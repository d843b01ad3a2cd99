import type { Principal } from '@yinqi/auth';
import { forbidden } from '@yinqi/errors';
import { bondDto } from './bond-reserve';
import type { PageArgs } from './capital-repository';
import type { CapitalDeps } from './deps';

/** The bond reserve, newest first: read by the finance centre, banks and guarantors. */
export async function listBondReserve({ repo, enterprises }: CapitalDeps, p: Principal, page: PageArgs) {
  if (!['FINANCE_CENTER', 'BANK_OFFICER', 'GUARANTOR_OFFICER'].includes(p.role))
    throw forbidden('Only the finance centre, banks and guarantors see the bond reserve');
  const res = await repo.bonds.page({}, page, (b) => b);
  const views = await enterprises.views(
    res.edges.map((e) => e.node.enterpriseId),
    p,
  );
  return { ...res, edges: res.edges.map((e) => ({ cursor: e.cursor, node: bondDto(e.node, views.get(e.node.enterpriseId) ?? null) })) };
}
