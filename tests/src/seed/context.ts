// What the demo seed hands to its add-ons (the capital-markets seed in ./capital-seed.ts, when it
// exists): everything already created, with ids and signed-in tokens, so an add-on never has to
// look the basics up again. Add-ons go through the gateway too (`gql`), and must be idempotent
// the same way (check, then create; count each creation with `created`).
import type { Gql } from './client';
import type { Tier } from './data';

/** A demo account printed by `npm start` and listed in the README. */
export interface DemoLogin {
  role: 'FINANCE_CENTER' | 'BANK_OFFICER' | 'GUARANTOR_OFFICER' | 'ENTERPRISE' | 'FUND_OFFICER';
  /** Who it is, in the demo's words (e.g. the bank's or the enterprise's name). */
  who: string;
  email: string;
  password: string;
}

export interface SignedIn {
  email: string;
  token: string;
  userId: string;
}

export interface SeededInstitution {
  key: string;
  id: string;
  name: string;
  officers: SignedIn[];
}

export interface SeededEnterprise extends SignedIn {
  key: string;
  /** The enterprise id (the user's orgId). */
  id: string;
  name: string;
  industry: string;
  town: string;
  tier: Tier;
  whitelisted: boolean;
}

export interface SeedContext {
  /** The public GraphQL endpoint everything goes through. */
  gatewayUrl: string;
  /** A GraphQL call that throws a GatewayError (with `.code`) on any error answer. */
  gql: Gql;
  /** The password of every demo account the seed creates. */
  password: string;
  /** When this seed run started (relative dates are computed from it). */
  now: Date;
  /** The FINANCE_CENTER (区金融发展事务中心) account from ADMIN_EMAIL / ADMIN_PASSWORD. */
  admin: { email: string; token: string };
  banks: Record<string, SeededInstitution>;
  guarantors: Record<string, SeededInstitution>;
  enterprises: SeededEnterprise[];
  /** A progress line on the seed's output. */
  log: (message: string) => void;
  /** Counts one thing created (by kind); a second run of a complete seed must count none. */
  created: (kind: string) => void;
}

/** What an add-on may return: extra demo logins to print (e.g. a FUND_OFFICER). */
export interface SeedAddOnResult {
  logins?: DemoLogin[];
}

/** The shape of `seedCapital` in ./capital-seed.ts. */
export type SeedAddOn = (ctx: SeedContext) => Promise<SeedAddOnResult | void>;
