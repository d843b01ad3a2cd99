import type { Principal } from '@yinqi/auth';
import type { z } from 'zod';
import { addBondReserveItem } from './add-bond-reserve-item';
import type { PageArgs } from './capital-repository';
import { withClock, type CapitalDeps, type WithOptionalClock } from './deps';
import { listBondReserve } from './list-bond-reserve';
import type { bondReserveSchema } from './schemas';

/** 债券融资项目储备: items the finance centre keeps for bond issuance, read by banks and guarantors too. */
export function bondUseCases(input: WithOptionalClock<CapitalDeps>) {
  const deps = withClock<CapitalDeps>(input);
  return {
    add: (p: Principal, item: z.infer<typeof bondReserveSchema>) => addBondReserveItem(deps, p, item),
    list: (p: Principal, page: PageArgs) => listBondReserve(deps, p, page),
  };
}
export type BondUseCases = ReturnType<typeof bondUseCases>;
