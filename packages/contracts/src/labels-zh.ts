import type { EquityRoundStatus, ListingStage } from './capital-events';
import type { GuaranteeRequestSnapshot } from './credit-events';
import type { Collateral, DemandStatus, MatchStatus, PolicyTag, ProductStatus, Purpose, Tier } from './domain';
import type { LoanStatus, ReliefKind, ReliefStatus, RepaymentMethod, RiskLevel } from './loan-events';

/**
 * Chinese labels (中文名称) for every enum of the events, the words a Chinese office reads in an
 * exported sheet. The server's one table: exports and any other server-side text take their labels
 * from here. Type-only imports, so the file has no runtime dependency (zod included) and a browser
 * bundle could take it as it is; the console's web/src/labels.ts holds the same words today.
 */
export const LABELS_ZH = {
  tier: {
    NONE: '未认定',
    INNOVATIVE_SME: '创新型中小企业',
    MUNICIPAL_SRDI: '市级专精特新',
    NATIONAL_LITTLE_GIANT: '国家级专精特新“小巨人”',
    SINGLE_CHAMPION: '制造业单项冠军',
  } satisfies Record<Tier, string>,
  purpose: {
    WORKING_CAPITAL: '流动资金',
    TECH_UPGRADE: '技术改造',
    RND: '研发投入',
    EQUIPMENT: '设备购置',
    BRIDGE: '过桥周转',
    PRE_IPO: '上市前融资',
  } satisfies Record<Purpose, string>,
  collateral: {
    CREDIT: '信用',
    MORTGAGE: '抵押',
    IP_PLEDGE: '知识产权质押',
    RECEIVABLES: '应收账款质押',
    GUARANTEE: '担保',
  } satisfies Record<Collateral, string>,
  demandStatus: {
    OPEN: '待匹配',
    MATCHED: '已匹配',
    OFFERED: '已报价',
    ACCEPTED: '已接受',
    FUNDED: '已放款',
    WITHDRAWN: '已撤回',
    CLOSED: '已关闭',
  } satisfies Record<DemandStatus, string>,
  matchStatus: {
    PROPOSED: '待银行响应',
    INTERESTED: '银行有意向',
    DECLINED: '银行婉拒',
    OFFERED: '已出具报价',
    ACCEPTED: '已接受',
    REJECTED: '未采纳',
    FUNDED: '已放款',
    WITHDRAWN: '已撤销',
  } satisfies Record<MatchStatus, string>,
  productStatus: { PUBLISHED: '已上架', SUSPENDED: '已暂停' } satisfies Record<ProductStatus, string>,
  policyTag: {
    SRDI_LOAN: '专精特新贷',
    RELENDING: '央行再贷款+',
    REDISCOUNT: '央行再贴现+',
    RENEWAL_WITHOUT_REPAYMENT: '无还本续贷',
    WHITELIST: '白名单',
    GOV_BANK_GUARANTEE: '政银担',
  } satisfies Record<PolicyTag, string>,
  repaymentMethod: { EQUAL_INSTALLMENT: '等额本息', INTEREST_ONLY_BULLET: '先息后本' } satisfies Record<RepaymentMethod, string>,
  loanStatus: { ACTIVE: '正常', CLOSED: '已结清', OVERDUE: '逾期' } satisfies Record<LoanStatus, string>,
  reliefKind: {
    DEFERRAL: '延期还本付息',
    RENEWAL_WITHOUT_REPAYMENT: '无还本续贷',
    BRIDGE_FUND: '应急转贷',
  } satisfies Record<ReliefKind, string>,
  reliefStatus: { PENDING: '审批中', APPROVED: '已批准', DECLINED: '未批准' } satisfies Record<ReliefStatus, string>,
  riskLevel: { LOW: '低', MEDIUM: '中', HIGH: '高' } satisfies Record<RiskLevel, string>,
  guaranteeRequestStatus: { OPEN: '询价中', SELECTED: '已选定', CLOSED: '已关闭' } satisfies Record<
    GuaranteeRequestSnapshot['status'],
    string
  >,
  listingStage: {
    RESERVE: '上市后备资源库',
    TUTORING: '辅导备案',
    NEEQ_BASIC: '新三板基础层',
    NEEQ_INNOVATION: '新三板创新层',
    BSE_FILED: '北交所申报',
    LISTED: '上市',
  } satisfies Record<ListingStage, string>,
  equityRoundStatus: { OPEN: '融资中', CLOSED: '已结束' } satisfies Record<EquityRoundStatus, string>,
} as const;

export type LabelTable = keyof typeof LABELS_ZH;

/**
 * The Chinese label of `code` in one of the tables; a code the table does not know (an event
 * written by a newer service) is returned as it is rather than hidden.
 */
export function labelZh(table: LabelTable, code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  return (LABELS_ZH[table] as Readonly<Record<string, string>>)[code] ?? code;
}
