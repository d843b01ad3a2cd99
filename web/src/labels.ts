// Chinese labels for the contract's enums (API-CONTRACT.md "Enums").
import type {
  Collateral,
  DemandStatus,
  EnterpriseTier,
  LoanStatus,
  MatchStatus,
  PolicyTag,
  ProductStatus,
  Purpose,
  ReliefKind,
  ReliefStatus,
  RepaymentMethod,
  RiskLevel,
  Role,
  GuaranteeRequestStatus,
  MatchEventType,
  ListingStage,
  EquityRoundStatus,
  ApiScope,
  DeliveryStatus,
  WebhookEvent,
} from './gql/generated';

export const ROLE: Record<Role, string> = {
  ENTERPRISE: '企业',
  BANK_OFFICER: '银行客户经理',
  GUARANTOR_OFFICER: '担保机构',
  FUND_OFFICER: '基金机构',
  FINANCE_CENTER: '区金融发展事务中心',
};
export const TIER: Record<EnterpriseTier, string> = {
  NONE: '未认定',
  INNOVATIVE_SME: '创新型中小企业',
  MUNICIPAL_SRDI: '市级专精特新',
  NATIONAL_LITTLE_GIANT: '国家级专精特新“小巨人”',
  SINGLE_CHAMPION: '制造业单项冠军',
};
export const TIER_COLOR: Record<EnterpriseTier, string> = {
  NONE: 'default',
  INNOVATIVE_SME: 'blue',
  MUNICIPAL_SRDI: 'cyan',
  NATIONAL_LITTLE_GIANT: 'gold',
  SINGLE_CHAMPION: 'red',
};
export const PURPOSE: Record<Purpose, string> = {
  WORKING_CAPITAL: '流动资金',
  TECH_UPGRADE: '技术改造',
  RND: '研发投入',
  EQUIPMENT: '设备购置',
  BRIDGE: '过桥周转',
  PRE_IPO: '上市前融资',
};
export const COLLATERAL: Record<Collateral, string> = {
  CREDIT: '信用',
  MORTGAGE: '抵押',
  IP_PLEDGE: '知识产权质押',
  RECEIVABLES: '应收账款质押',
  GUARANTEE: '担保',
};
export const DEMAND_STATUS: Record<DemandStatus, string> = {
  OPEN: '待匹配',
  MATCHED: '已匹配',
  OFFERED: '已报价',
  ACCEPTED: '已接受',
  FUNDED: '已放款',
  WITHDRAWN: '已撤回',
  CLOSED: '已关闭',
};
export const MATCH_STATUS: Record<MatchStatus, string> = {
  PROPOSED: '待银行响应',
  INTERESTED: '银行有意向',
  DECLINED: '银行婉拒',
  OFFERED: '已出具报价',
  ACCEPTED: '已接受',
  REJECTED: '未采纳',
  FUNDED: '已放款',
  WITHDRAWN: '已撤销',
};
export const MATCH_STATUS_COLOR: Record<MatchStatus, string> = {
  PROPOSED: 'processing',
  INTERESTED: 'blue',
  DECLINED: 'default',
  OFFERED: 'gold',
  ACCEPTED: 'green',
  REJECTED: 'default',
  FUNDED: 'success',
  WITHDRAWN: 'default',
};
export const MATCH_EVENT: Record<MatchEventType, string> = {
  PROPOSED: '新匹配',
  WITHDRAWN: '匹配撤销',
  RESPONDED: '银行已响应',
  OFFERED: '银行已报价',
  ACCEPTED: '报价已接受',
  REJECTED: '报价未采纳',
  FUNDED: '已放款',
};
export const PRODUCT_STATUS: Record<ProductStatus, string> = { PUBLISHED: '已上架', SUSPENDED: '已暂停' };
export const POLICY_TAG: Record<PolicyTag, string> = {
  SRDI_LOAN: '专精特新贷',
  RELENDING: '央行再贷款+',
  REDISCOUNT: '央行再贴现+',
  RENEWAL_WITHOUT_REPAYMENT: '无还本续贷',
  WHITELIST: '白名单',
  GOV_BANK_GUARANTEE: '政银担',
};
export const REPAYMENT: Record<RepaymentMethod, string> = { EQUAL_INSTALLMENT: '等额本息', INTEREST_ONLY_BULLET: '先息后本' };
export const RELIEF_KIND: Record<ReliefKind, string> = {
  DEFERRAL: '延期还本付息',
  RENEWAL_WITHOUT_REPAYMENT: '无还本续贷',
  BRIDGE_FUND: '应急转贷',
};
export const RELIEF_STATUS: Record<ReliefStatus, string> = { PENDING: '审批中', APPROVED: '已批准', DECLINED: '未批准' };
export const LOAN_STATUS: Record<LoanStatus, string> = { ACTIVE: '正常', CLOSED: '已结清', OVERDUE: '逾期' };
export const RISK: Record<RiskLevel, string> = { LOW: '低', MEDIUM: '中', HIGH: '高' };
export const GUARANTEE_STATUS: Record<GuaranteeRequestStatus, string> = { OPEN: '询价中', SELECTED: '已选定', CLOSED: '已关闭' };

/** 上市后备 → 新三板 → 北交所, in pipeline order. */
export const LISTING_STAGE: Record<ListingStage, string> = {
  RESERVE: '上市后备资源库',
  TUTORING: '辅导备案',
  NEEQ_BASIC: '新三板基础层',
  NEEQ_INNOVATION: '新三板创新层',
  BSE_FILED: '北交所申报',
  LISTED: '上市',
};
export const STAGES = Object.keys(LISTING_STAGE) as ListingStage[];
export const EQUITY_STATUS: Record<EquityRoundStatus, string> = { OPEN: '融资中', CLOSED: '已结束' };
/** A fund's answer to a round match (the shared MatchStatus, as a fund sees it). */
export const FUND_MATCH_STATUS: Partial<Record<MatchStatus, string>> = {
  PROPOSED: '待基金响应',
  INTERESTED: '基金有意向',
  DECLINED: '基金婉拒',
  WITHDRAWN: '已撤销',
};

/** Webhook events (开放接口 事件推送), as an officer reads them. */
export const WEBHOOK_EVENT: Record<WebhookEvent, string> = {
  MATCH_PROPOSED: '新匹配',
  MATCH_ACCEPTED: '报价已被企业接受',
  MATCH_WITHDRAWN: '匹配撤销',
  GUARANTEE_REQUESTED: '新担保需求',
  GUARANTEE_SELECTED: '担保报价被选定',
  RELIEF_REQUESTED: '纾困申请（延期/续贷/转贷）',
  LOAN_OVERDUE: '贷款逾期',
  FUND_MATCH_PROPOSED: '新项目匹配',
};
/** API client scopes (接口权限范围). */
export const API_SCOPE: Record<ApiScope, string> = {
  MATCHES_READ: '读取匹配',
  MATCHES_RESPOND: '响应匹配',
  OFFERS_WRITE: '出具报价',
  PRODUCTS_WRITE: '上架/暂停产品',
  GUARANTEES_READ: '读取担保需求',
  GUARANTEES_WRITE: '提交担保报价',
  LOANS_READ: '读取贷款',
  LOANS_WRITE: '放款与贷后操作',
  FUND_MATCHES_READ: '读取项目匹配',
  FUND_MATCHES_RESPOND: '响应项目匹配',
};
export const DELIVERY_STATUS: Record<DeliveryStatus, string> = { PENDING: '待推送', DELIVERED: '已送达', FAILED: '失败' };
export const DELIVERY_STATUS_COLOR: Record<DeliveryStatus, string> = { PENDING: 'processing', DELIVERED: 'success', FAILED: 'error' };

export const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export const yuan = (n: number | null | undefined) => (n == null ? '—' : `¥${Math.round(n).toLocaleString('zh-CN')}`);
export const wan = (n: number | null | undefined) =>
  n == null ? '—' : `${(n / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
export const pct = (n: number | null | undefined, digits = 2) => (n == null ? '—' : `${n.toFixed(digits)}%`);
/** Business dates and times are shown in Beijing time whatever zone the browser is in (工作日历 counts Beijing days). */
export const dateText = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';
export const dateTimeText = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) : '—';
/** Today in Beijing as YYYY-MM-DD (the UTC date is still yesterday until 08:00 Beijing). */
export const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
