// Shared by the monitor's e2e and solo tests: the dashboard query and the CSV exports, through the gateway.
export const DASHBOARD = `query($from:DateTime,$to:DateTime,$asOf:DateTime){ dashboard(from:$from,to:$to,asOf:$asOf){
  demandsPosted demandsMatched matchRate amountRequested amountOffered amountDisbursed
  medianHoursToFirstMatch medianHoursToBankResponse averageGuaranteeFeeRate guaranteeFeeRateTarget
  banksOverSla { bank { id name } overdueMatches } byTier { tier demands amountDisbursed }
  byBank { bank { id name } matches offers amountDisbursed }
  loansActive loansOverdue reliefRequests { kind pending approved declined } governmentRiskExposure
  listingByStage { stage count } bondReserveAmount equityRoundsOpen roadshowLeads
  planTargets { key name target actual unit comparison due met } bankResponseSlaHours asOf
} }`;

export interface DashboardView {
  demandsPosted: number;
  demandsMatched: number;
  matchRate: number;
  amountRequested: number;
  amountOffered: number;
  amountDisbursed: number;
  medianHoursToFirstMatch: number | null;
  medianHoursToBankResponse: number | null;
  averageGuaranteeFeeRate: number | null;
  guaranteeFeeRateTarget: number;
  banksOverSla: { bank: { id: string; name: string }; overdueMatches: number }[];
  byTier: { tier: string; demands: number; amountDisbursed: number }[];
  byBank: { bank: { id: string; name: string }; matches: number; offers: number; amountDisbursed: number }[];
  loansActive: number;
  loansOverdue: number;
  reliefRequests: { kind: string; pending: number; approved: number; declined: number }[];
  governmentRiskExposure: number;
  listingByStage: { stage: string; count: number }[];
  bondReserveAmount: number;
  equityRoundsOpen: number;
  roadshowLeads: number;
  planTargets: {
    key: string;
    name: string;
    target: number;
    actual: number | null;
    unit: string;
    comparison: string;
    due: string | null;
    met: boolean | null;
  }[];
  bankResponseSlaHours: number;
  asOf: string;
}

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
