import type { DemandSnapshot, EnterpriseSnapshot, ProductSnapshot } from '@yinqi/contracts';

export type Enterprise = EnterpriseSnapshot;
export type Demand = DemandSnapshot;
export type Product = ProductSnapshot;
