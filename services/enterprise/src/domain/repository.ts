import type { EventEnvelope, Tier } from '@yinqi/contracts';
import type { Page } from '@yinqi/db';
import type { CertificationEntry, Demand, DemandRecord, Enterprise } from './records';

/** What enterprise.registered tells us; the rest of the profile starts empty. */
export interface Registration {
  enterpriseId: string;
  name: string;
  uscc: string;
  industry: string;
  town: string;
}

/** Which profiles a list shows; `search` is part of a name (两个字 or more use the index) or a USCC prefix. */
export interface EnterpriseListFilter {
  tier?: Tier | undefined;
  town?: string | undefined;
  industry?: string | undefined;
  search?: string | undefined;
}

type EnterpriseFields = Omit<Enterprise, '_id' | 'version' | 'createdAt' | 'certifications'>;
type DemandFields = Omit<Demand, '_id' | 'version' | 'createdAt' | 'enterpriseId'>;

/**
 * Plain-object access to profiles and demands (data/repository.ts holds the mongoose side). Every change is one
 * conditional single-document write on the aggregate's version (optimistic concurrency), carrying
 * its event in `outbox`, and bumps the version by one.
 */
export interface EnterpriseRepository {
  findEnterprise(id: string): Promise<Enterprise | null>;
  findEnterprises(ids: string[]): Promise<Enterprise[]>;
  pageEnterprises(filter: EnterpriseListFilter, page: { first?: unknown; after?: unknown }): Promise<Page<Enterprise>>;
  /** Creates the profile from enterprise.registered; false when that version was already applied. */
  projectRegistration(reg: Registration, version: number, registeredAt: Date): Promise<boolean>;
  /** Applies the change only when the stored version is `expectedVersion`; false when someone else wrote first. */
  updateEnterprise(
    id: string,
    expectedVersion: number,
    change: { set: Partial<EnterpriseFields>; certification?: CertificationEntry; event: EventEnvelope },
  ): Promise<boolean>;
  /** Remembers that an institution has a match (bank) or guarantee request (guarantor) with the enterprise; idempotent. */
  addEnterpriseRelation(enterpriseId: string, field: 'bankIds' | 'guarantorIds', institutionId: string): Promise<void>;
  insertDemand(demand: DemandRecord): Promise<void>;
  findDemand(id: string): Promise<Demand | null>;
  findDemands(ids: string[]): Promise<Demand[]>;
  /** Newest first, at most `limit`. */
  demandsOfEnterprise(enterpriseId: string, limit: number): Promise<Demand[]>;
  updateDemand(
    id: string,
    expectedVersion: number,
    change: { set: Partial<DemandFields>; event?: EventEnvelope | undefined },
  ): Promise<boolean>;
  /** Idempotent; touches no version because it reports no change of the demand itself. */
  addDemandGuarantor(demandId: string, guarantorId: string): Promise<void>;
}
