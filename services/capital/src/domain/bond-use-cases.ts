import { randomUUID } from 'node:crypto';
import type { Principal } from '@yinqi/auth';
import { bondReserveAdded, type BondReserveItemSnapshot } from '@yinqi/contracts';
import { forbidden } from '@yinqi/errors';
import { newEvent } from '@yinqi/events';
import type { BondRecord } from '../data/models';
import type { CapitalRepository } from '../data/repository';
import type { Stored } from './aggregate';
import type { EnterpriseDirectory, EnterpriseView } from './enterprises';
import type { z } from 'zod';
import type { bondReserveSchema } from './schemas';

const SOURCE = 'capital';

export interface BondDto {
  id: string;
  enterpriseId: string;
  enterprise: EnterpriseView | null;
  amount: number;
  purpose: string;
  plannedQuarter: string;
  createdAt: string;
}

const snapshot = (b: Stored<BondRecord>): BondReserveItemSnapshot => ({
  itemId: b._id,
  enterpriseId: b.enterpriseId,
  amount: b.amount,
  purpose: b.purpose,
  plannedQuarter: b.plannedQuarter,
  createdAt: new Date(b.createdAt).toISOString(),
  createdBy: b.createdBy,
});

/** 债券融资项目储备: items the finance centre keeps for bond issuance, read by banks and guarantors too. */
export function bondUseCases({
  repo,
  enterprises,
  published,
  now = () => new Date(),
}: {
  repo: CapitalRepository;
  enterprises: EnterpriseDirectory;
  published: () => void;
  now?: () => Date;
}) {
  const toDto = (b: Stored<BondRecord>, e: EnterpriseView | null): BondDto => ({
    id: b._id,
    enterpriseId: b.enterpriseId,
    enterprise: e,
    amount: b.amount,
    purpose: b.purpose,
    plannedQuarter: b.plannedQuarter,
    createdAt: new Date(b.createdAt).toISOString(),
  });
  return {
    async add(p: Principal, input: z.infer<typeof bondReserveSchema>): Promise<BondDto> {
      if (p.role !== 'FINANCE_CENTER') throw forbidden('Only the finance centre adds bond reserve items');
      await enterprises.require(input.enterpriseId);
      const at = now();
      const record: BondRecord = { _id: randomUUID(), ...input, createdBy: p.userId, createdAt: at, updatedAt: at, version: 1, outbox: [] };
      record.outbox = [
        newEvent(bondReserveAdded, { key: record._id, version: 1, source: SOURCE, occurredAt: at, data: { item: snapshot(record) } }),
      ];
      await repo.bonds.insert(record);
      published();
      const views = await enterprises.views([record.enterpriseId], p);
      return toDto(record, views.get(record.enterpriseId) ?? null);
    },
    async list(p: Principal, page: { first?: unknown; after?: unknown }) {
      if (!['FINANCE_CENTER', 'BANK_OFFICER', 'GUARANTOR_OFFICER'].includes(p.role))
        throw forbidden('Only the finance centre, banks and guarantors see the bond reserve');
      const res = await repo.bonds.page({}, page, (b) => b);
      const views = await enterprises.views(
        res.edges.map((e) => e.node.enterpriseId),
        p,
      );
      return { ...res, edges: res.edges.map((e) => ({ cursor: e.cursor, node: toDto(e.node, views.get(e.node.enterpriseId) ?? null) })) };
    },
  };
}
export type BondUseCases = ReturnType<typeof bondUseCases>;
