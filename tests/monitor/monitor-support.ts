// Shared by the monitor's e2e and solo tests and the seed test: the dashboard query and the CSV exports, through the gateway.
import type { DashboardDto } from '@yinqi/contracts';

export const DASHBOARD = `query($from:DateTime,$to:DateTime,$asOf:DateTime){ dashboard(from:$from,to:$to,asOf:$asOf){
  demandsPosted demandsMatched matchRate amountRequested amountOffered amountDisbursed
  medianHoursToFirstMatch medianHoursToBankResponse averageGuaranteeFeeRate guaranteeFeeRateTarget
  banksOverSla { bank { id name } overdueMatches } byTier { tier demands amountDisbursed }
  byBank { bank { id name } matches offers amountDisbursed }
  loansActive loansOverdue reliefRequests { kind pending approved declined } governmentRiskExposure
  listingByStage { stage count } bondReserveAmount equityRoundsOpen roadshowLeads
  planTargets { key name target actual unit comparison due met } bankResponseSlaHours asOf
} }`;

type BankRef = { bank: { id: string; name: string } };

/** The dashboard as DASHBOARD reads it: the monitor's DashboardDto, each bank resolved to an Institution by the gateway. */
export type DashboardView = Omit<
  DashboardDto,
  'banksOverSla' | 'byBank' | 'from' | 'to' | 'bankResponseSlaBasis' | 'bankResponseSlaWorkingDays'
> & {
  banksOverSla: (BankRef & { overdueMatches: number })[];
  byBank: (BankRef & { matches: number; offers: number; amountDisbursed: number })[];
};

const gatewayBase = () => (process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql').replace(/\/graphql$/, '');

export type ExportName = 'matches' | 'loans' | 'guarantees' | 'listing' | 'bonds';
export interface ExportQuery {
  from?: string;
  to?: string;
  /** `codes`: the machine-readable columns (English headers, enum codes, ISO instants). */
  columns?: 'zh' | 'codes';
}

/** GET /export/<kind>.<format> on the gateway, with the bytes (to see the BOM, to read the xlsx) and the text. */
export async function exportFile(kind: ExportName, format: 'csv' | 'xlsx', token: string | undefined, query: ExportQuery = {}) {
  const url = new URL(`${gatewayBase()}/export/${kind}.${format}`);
  for (const [k, v] of Object.entries(query)) if (v) url.searchParams.set(k, v);
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const bytes = Buffer.from(await res.arrayBuffer());
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    contentDisposition: res.headers.get('content-disposition') ?? '',
    bytes,
    text: bytes.toString('utf8').replace(/^\uFEFF/, ''),
  };
}

/** GET /export/<kind>.csv on the gateway. */
export const exportCsv = (kind: ExportName, token: string | undefined, query: ExportQuery = {}) => exportFile(kind, 'csv', token, query);
