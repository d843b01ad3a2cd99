// The demo data set (演示数据): a fictional picture of the district's 专精特新 financing programme.
// Every name here is invented; the industries and towns are the district's own.

import type { Collateral, DemandDto, ProductSnapshot, Purpose, ReliefKind, Tier } from '@yinqi/contracts';

export type { Tier };
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH';

/** One password for every demo account (local demo only; ≥ 10 characters as the contract asks). */
export const DEMO_PASSWORD = 'yinqi-demo-2026';
export const DEMO_DOMAIN = 'demo.yinqi.local';
export const demoEmail = (local: string) => `${local}@${DEMO_DOMAIN}`;

/**
 * A second finance-centre account (区金融发展事务中心 staff), created as the very last step: when it
 * can sign in, the seed ran to the end before, so a later `npm start` skips straight to "present".
 */
export const COMPLETION_MARKER_EMAIL = demoEmail('analyst');

export interface InstitutionSeed {
  key: string;
  name: string;
  officers: string[]; // local parts of the officers' emails
}

/** 辖区银行 (fictional branches). */
export const BANKS: InstitutionSeed[] = [
  { key: 'yuxi', name: '渝西农村商业银行大足支行', officers: ['bank.yuxi', 'bank.yuxi2'] },
  { key: 'changjiang', name: '长江建设银行大足支行', officers: ['bank.changjiang', 'bank.changjiang2'] },
  { key: 'bayu', name: '巴渝工商银行大足支行', officers: ['bank.bayu'] },
  { key: 'tangcheng', name: '棠城村镇银行', officers: ['bank.tangcheng'] },
];

/** 担保机构 (政银担). */
export const GUARANTORS: InstitutionSeed[] = [
  { key: 'xingnong', name: '兴农融资担保有限责任公司大足分公司', officers: ['guarantor.xingnong'] },
  { key: 'tcdb', name: '棠城中小企业融资担保有限公司', officers: ['guarantor.tangcheng'] },
];

export const INDUSTRIES = ['五金', '汽摩', '光电', '智能网联汽车', '锶盐新材料', '电梯', '专用车', '循环经济再制造'] as const;

export interface EnterpriseSeed {
  key: string; // email local part, and how demands refer to it
  name: string;
  industry: (typeof INDUSTRIES)[number];
  town: string;
  tier: Tier;
  whitelisted: boolean;
}

const e = (
  key: string,
  name: string,
  industry: EnterpriseSeed['industry'],
  town: string,
  tier: Tier,
  whitelisted = false,
): EnterpriseSeed => ({ key, name, industry, town, tier, whitelisted });

/** 梯度培育库: 44 enterprises across the district's industries and towns. */
export const ENTERPRISES: EnterpriseSeed[] = [
  e('ruifeng', '重庆锐锋五金工具有限公司', '五金', '龙水镇', 'MUNICIPAL_SRDI', true),
  e('daojian', '大足区龙水刀剪制造有限公司', '五金', '龙水镇', 'INNOVATIVE_SME'),
  e('zhujiang', '重庆铸匠锁具有限公司', '五金', '龙水镇', 'NONE'),
  e('hengang', '重庆恒钢五金制品有限公司', '五金', '龙水镇', 'NATIONAL_LITTLE_GIANT', true),
  e('qiaogong', '重庆巧工厨具有限公司', '五金', '龙水镇', 'INNOVATIVE_SME'),
  e('baiduan', '重庆百锻农具有限公司', '五金', '万古镇', 'NONE'),
  e('jingqian', '重庆精钳工具有限公司', '五金', '邮亭镇', 'MUNICIPAL_SRDI'),
  e('longfeng', '重庆龙锋五金机械有限公司', '五金', '龙水镇', 'INNOVATIVE_SME'),
  e('wangu', '重庆万古刃具有限公司', '五金', '万古镇', 'MUNICIPAL_SRDI'),
  e('chiyu', '重庆驰宇摩托车配件有限公司', '汽摩', '双桥经开区', 'MUNICIPAL_SRDI', true),
  e('lianfeng', '重庆联丰汽车零部件有限公司', '汽摩', '双桥经开区', 'NATIONAL_LITTLE_GIANT', true),
  e('honglun', '重庆宏轮齿轮有限公司', '汽摩', '邮亭镇', 'INNOVATIVE_SME'),
  e('tuan', '重庆途安制动系统有限公司', '汽摩', '双桥经开区', 'INNOVATIVE_SME'),
  e('junda', '重庆骏达车灯有限公司', '汽摩', '万古镇', 'NONE'),
  e('xinchi', '重庆鑫驰摩配有限公司', '汽摩', '珠溪镇', 'NONE'),
  e('jingyao', '重庆晶耀光电科技有限公司', '光电', '智凤街道', 'NATIONAL_LITTLE_GIANT', true),
  e('tanghui', '重庆棠辉光学元件有限公司', '光电', '智凤街道', 'MUNICIPAL_SRDI'),
  e('mingxin', '重庆明芯半导体照明有限公司', '光电', '双桥经开区', 'INNOVATIVE_SME'),
  e('guanggu', '重庆光谷激光设备有限公司', '光电', '智凤街道', 'INNOVATIVE_SME'),
  e('ruishi', '重庆睿视显示技术有限公司', '光电', '棠香街道', 'NONE'),
  e('guangqi', '重庆光启精密光学有限公司', '光电', '智凤街道', 'MUNICIPAL_SRDI'),
  e('zhiyu', '重庆智驭网联科技有限公司', '智能网联汽车', '双桥经开区', 'MUNICIPAL_SRDI', true),
  e('cheliang', '重庆车联云控科技有限公司', '智能网联汽车', '智凤街道', 'INNOVATIVE_SME'),
  e('ganzhi', '重庆感知雷达技术有限公司', '智能网联汽车', '双桥经开区', 'NATIONAL_LITTLE_GIANT', true),
  e('xingtu', '重庆星途线控底盘有限公司', '智能网联汽车', '双桥经开区', 'INNOVATIVE_SME'),
  e('zhixing', '重庆智行自动驾驶科技有限公司', '智能网联汽车', '智凤街道', 'INNOVATIVE_SME'),
  e('sijing', '重庆锶晶新材料科技有限公司', '锶盐新材料', '中敖镇', 'SINGLE_CHAMPION', true),
  e('tianqing', '重庆天青锶盐化工有限公司', '锶盐新材料', '中敖镇', 'MUNICIPAL_SRDI', true),
  e('simei', '重庆锶美电子材料有限公司', '锶盐新材料', '宝顶镇', 'INNOVATIVE_SME'),
  e('tansuan', '重庆碳酸锶精细化工有限公司', '锶盐新材料', '中敖镇', 'NONE'),
  e('sike', '重庆锶科储能材料有限公司', '锶盐新材料', '宝顶镇', 'INNOVATIVE_SME'),
  e('shengheng', '重庆升恒电梯有限公司', '电梯', '双桥经开区', 'MUNICIPAL_SRDI'),
  e('yunti', '重庆云梯智能装备有限公司', '电梯', '龙岗街道', 'INNOVATIVE_SME', true),
  e('wending', '重庆稳达曳引机有限公司', '电梯', '双桥经开区', 'NATIONAL_LITTLE_GIANT', true),
  e('ancheng', '重庆安乘电梯部件有限公司', '电梯', '龙岗街道', 'NONE'),
  e('gaosheng', '重庆高升电梯导轨有限公司', '电梯', '高升镇', 'INNOVATIVE_SME'),
  e('zhongchi', '重庆重驰专用汽车有限公司', '专用车', '双桥经开区', 'MUNICIPAL_SRDI', true),
  e('huanwei', '重庆环卫通专用车有限公司', '专用车', '邮亭镇', 'INNOVATIVE_SME'),
  e('lenglian', '重庆冷链鲜运车辆有限公司', '专用车', '双桥经开区', 'INNOVATIVE_SME'),
  e('chiyan', '重庆赤焰消防车辆有限公司', '专用车', '石马镇', 'MUNICIPAL_SRDI'),
  e('zaisheng', '重庆再生动力再制造有限公司', '循环经济再制造', '双桥经开区', 'MUNICIPAL_SRDI', true),
  e('lvxun', '重庆绿循金属回收利用有限公司', '循环经济再制造', '龙水镇', 'INNOVATIVE_SME'),
  e('huanxin', '重庆焕新发动机再制造有限公司', '循环经济再制造', '双桥经开区', 'SINGLE_CHAMPION', true),
  e('hongyuan', '重庆宏源再生资源有限公司', '循环经济再制造', '龙水镇', 'NONE'),
];

export interface Profile {
  annualRevenue: number;
  employees: number;
  rdSuperDeductionFiled: number;
  highValuePatents: number;
}

/** Ranges per tier: [revenue 万元, employees, R&D super-deduction 万元, high-value patents]. */
const PROFILE_RANGES: Record<Tier, [[number, number], [number, number], [number, number], [number, number]]> = {
  NONE: [
    [800, 3_000],
    [20, 80],
    [0, 30],
    [0, 1],
  ],
  INNOVATIVE_SME: [
    [2_000, 8_000],
    [50, 200],
    [50, 200],
    [1, 4],
  ],
  MUNICIPAL_SRDI: [
    [5_000, 20_000],
    [100, 400],
    [150, 500],
    [3, 8],
  ],
  NATIONAL_LITTLE_GIANT: [
    [15_000, 60_000],
    [200, 800],
    [400, 1_500],
    [8, 20],
  ],
  SINGLE_CHAMPION: [
    [80_000, 200_000],
    [600, 1_500],
    [2_000, 6_000],
    [20, 50],
  ],
};

/** A deterministic, tier-shaped profile (企业画像) for the enterprise at `index`. */
export function profileOf(ent: EnterpriseSeed, index: number): Profile {
  const [rev, emp, rd, pat] = PROFILE_RANGES[ent.tier];
  // A fixed sequence in [0, 1) per enterprise, so re-runs compute the same profile.
  let x = (index * 2654435761 + 97) % 4294967296;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const pick = ([lo, hi]: [number, number]) => Math.round(lo + (hi - lo) * next());
  return {
    annualRevenue: pick(rev) * 10_000,
    employees: pick(emp),
    rdSuperDeductionFiled: pick(rd) * 10_000,
    highValuePatents: pick(pat),
  };
}

/** What every product states: its name and the ranges it lends in. */
type ProductTerms = 'name' | 'minAmount' | 'maxAmount' | 'minTermMonths' | 'maxTermMonths' | 'annualRateMin' | 'annualRateMax';

export interface ProductSeed {
  key: string;
  bank: string; // BANKS key
  /** A ProductInput: the terms, and only the rules (whom for, policy tags) that differ from "any". */
  input: Pick<ProductSnapshot, ProductTerms> &
    Partial<Omit<ProductSnapshot, ProductTerms | 'productId' | 'bankId' | 'status' | 'createdAt'>>;
}

const TIERED: Tier[] = ['INNOVATIVE_SME', 'MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT', 'SINGLE_CHAMPION'];

/** A product (金融产品) of a bank: the amounts, months and annual rates it lends between, and whom for. */
const product = (
  key: string,
  bank: string,
  name: string,
  [minAmount, maxAmount]: [number, number],
  [minTermMonths, maxTermMonths]: [number, number],
  [annualRateMin, annualRateMax]: [number, number],
  rules: Omit<ProductSeed['input'], ProductTerms> = {},
): ProductSeed => ({
  key,
  bank,
  input: { name, minAmount, maxAmount, minTermMonths, maxTermMonths, annualRateMin, annualRateMax, ...rules },
});

/** 金融产品超市. */
export const PRODUCTS: ProductSeed[] = [
  product('srdi', 'changjiang', '专精特新贷', [500_000, 10_000_000], [6, 36], [3.3, 4.2], {
    eligibleTiers: TIERED,
    collateralAccepted: ['CREDIT', 'IP_PLEDGE', 'RECEIVABLES'],
    rdUpliftThreshold: 2_000_000,
    rdUpliftRatio: 0.5,
    policyTags: ['SRDI_LOAN'],
  }),
  product('hardware', 'yuxi', '五金产业贷', [300_000, 5_000_000], [6, 24], [3.65, 4.8], { industries: ['五金'] }),
  product('yinzhengtong', 'bayu', '银政通', [1_000_000, 20_000_000], [12, 36], [3.45, 4.3], {
    requiresGuarantee: true,
    policyTags: ['GOV_BANK_GUARANTEE'],
  }),
  product('xiaoweidan', 'tangcheng', '小微担', [100_000, 3_000_000], [6, 24], [3.85, 5.5], {
    requiresGuarantee: true,
    policyTags: ['GOV_BANK_GUARANTEE'],
  }),
  product('relending', 'bayu', '央行再贷款+科创贷', [1_000_000, 30_000_000], [12, 36], [3.1, 3.85], {
    eligibleTiers: ['MUNICIPAL_SRDI', 'NATIONAL_LITTLE_GIANT', 'SINGLE_CHAMPION'],
    purposes: ['TECH_UPGRADE', 'RND', 'EQUIPMENT'],
    requiresWhitelist: true,
    policyTags: ['RELENDING', 'WHITELIST'],
  }),
  product('renewal', 'yuxi', '无还本续贷', [500_000, 10_000_000], [12, 36], [3.7, 4.6], {
    purposes: ['WORKING_CAPITAL', 'BRIDGE'],
    requiresWhitelist: true,
    policyTags: ['RENEWAL_WITHOUT_REPAYMENT', 'WHITELIST'],
  }),
  product('autochain', 'changjiang', '汽车产业链贷', [1_000_000, 15_000_000], [12, 60], [3.5, 4.5], {
    industries: ['汽摩', '智能网联汽车', '专用车', '电梯'],
    purposes: ['EQUIPMENT', 'WORKING_CAPITAL', 'TECH_UPGRADE'],
    collateralAccepted: ['MORTGAGE', 'RECEIVABLES', 'CREDIT'],
  }),
  product('ippledge', 'tangcheng', '知识产权质押贷', [500_000, 8_000_000], [6, 36], [3.6, 4.6], {
    eligibleTiers: TIERED,
    industries: ['光电', '锶盐新材料', '智能网联汽车', '循环经济再制造'],
    collateralAccepted: ['IP_PLEDGE'],
  }),
];

export interface QuotePlan {
  guarantor: string; // GUARANTORS key
  feeRate: number;
  coverageRatio: number;
  conditions: string;
}

export interface ReliefPlan {
  kind: ReliefKind;
  reason: string;
  months?: number;
  /** BRIDGE_FUND: the amount; by default the whole principal falling due at maturity. */
  amount?: number;
  decision?: { approve: boolean; note: string };
}

export interface LoanPlan {
  method: 'EQUAL_INSTALLMENT' | 'INTEREST_ONLY_BULLET';
  /**
   * Disbursed this many months (and `plusDays` days) before the seed first runs. Reliefs have windows:
   * 无还本续贷 within 30 days and 应急转贷 within 20 days before maturity, so those loans mature soon.
   */
  monthsAgo: number;
  plusDays?: number;
  /** How many of the instalments already due are left unpaid (an overdue loan). */
  missed?: number;
  followUps?: { note: string; riskLevel: RiskLevel }[];
  reliefs?: ReliefPlan[];
}

/** Where the seed takes a demand (融资需求), step by step through the public API. */
export type Flow =
  | { kind: 'open' } // matches left unanswered: the banks' SLA clock runs
  | { kind: 'unmatched' } // no product fits
  | { kind: 'withdrawn' }
  | { kind: 'declined'; product: string; reason: string }
  | { kind: 'interested'; product: string }
  | { kind: 'offered'; product: string; rate: number; conditions: string }
  | { kind: 'accepted'; product: string; rate: number; conditions: string; quotes?: QuotePlan[]; select?: string }
  | { kind: 'funded'; product: string; rate: number; conditions: string; quotes?: QuotePlan[]; select?: string; loan: LoanPlan };

/** A DemandInput (融资需求) of a demo enterprise, and where the seed takes it. */
export type DemandSeed = Pick<DemandDto, 'amount' | 'termMonths' | 'purpose' | 'collateral' | 'maxAnnualRate' | 'needsGuarantee'> & {
  enterprise: string;
  /** Unique per enterprise: how a re-run finds the demand again. */
  description: string;
  flow: Flow;
};

type Guarantee = { quotes?: QuotePlan[]; select?: string };

/** A demand of a demo enterprise; what becomes of it is said by the call that follows (`.funded(…)`, `.open()`, …). */
const d = (
  enterprise: string,
  amount: number,
  termMonths: number,
  purpose: Purpose,
  collateral: Collateral,
  maxAnnualRate: number | null,
  description: string,
) => {
  const as = (flow: Flow): DemandSeed => ({
    enterprise,
    amount,
    termMonths,
    purpose,
    collateral,
    maxAnnualRate,
    needsGuarantee: collateral === 'GUARANTEE',
    description,
    flow,
  });
  return {
    open: () => as({ kind: 'open' }),
    unmatched: () => as({ kind: 'unmatched' }),
    withdrawn: () => as({ kind: 'withdrawn' }),
    declined: (product: string, reason: string) => as({ kind: 'declined', product, reason }),
    interested: (product: string) => as({ kind: 'interested', product }),
    offered: (product: string, rate: number, conditions: string) => as({ kind: 'offered', product, rate, conditions }),
    accepted: (product: string, rate: number, conditions: string, guarantee: Guarantee = {}) =>
      as({ kind: 'accepted', product, rate, conditions, ...guarantee }),
    funded: (product: string, rate: number, conditions: string, { loan, ...guarantee }: Guarantee & { loan: LoanPlan }) =>
      as({ kind: 'funded', product, rate, conditions, ...guarantee, loan }),
  };
};

const xingnong = (feeRate: number, coverageRatio = 80): QuotePlan => ({
  guarantor: 'xingnong',
  feeRate,
  coverageRatio,
  conditions: '企业实际控制人提供个人连带责任反担保',
});
const tcdb = (feeRate: number, coverageRatio = 70): QuotePlan => ({
  guarantor: 'tcdb',
  feeRate,
  coverageRatio,
  conditions: '以设备抵押作反担保',
});

/** A loan repaid in equal monthly instalments (等额本息), disbursed `monthsAgo` months before the first seed run. */
const instalments = (monthsAgo: number, more: Omit<LoanPlan, 'method' | 'monthsAgo'> = {}): LoanPlan => ({
  method: 'EQUAL_INSTALLMENT',
  monthsAgo,
  ...more,
});
/** A loan paying interest monthly and the principal at maturity (先息后本). */
const bullet = (monthsAgo: number, more: Omit<LoanPlan, 'method' | 'monthsAgo'> = {}): LoanPlan => ({
  method: 'INTEREST_ONLY_BULLET',
  monthsAgo,
  ...more,
});
/** What the seed asks for a loan (纾困): 应急转贷, 无还本续贷 or a deferral of `months`, and how the bank decides it (or leaves it pending). */
const bridgeFund = (reason: string, decision?: ReliefPlan['decision']): ReliefPlan => ({
  kind: 'BRIDGE_FUND',
  reason,
  ...(decision && { decision }),
});
const renewal = (reason: string, decision?: ReliefPlan['decision']): ReliefPlan => ({
  kind: 'RENEWAL_WITHOUT_REPAYMENT',
  reason,
  ...(decision && { decision }),
});
const deferral = (reason: string, months: number, decision?: ReliefPlan['decision']): ReliefPlan => ({
  kind: 'DEFERRAL',
  reason,
  months,
  ...(decision && { decision }),
});
const approved = (note: string) => ({ approve: true, note });
const refused = (note: string) => ({ approve: false, note });

/** 融资需求 and what becomes of each. */
export const DEMANDS: DemandSeed[] = [
  // —— funded loans (放款), at different ages ——
  d('ruifeng', 3_000_000, 12, 'WORKING_CAPITAL', 'CREDIT', 4.5, '采购冷轧钢带，保障二季度出口订单').funded(
    'hardware',
    3.85,
    '按月付息还本',
    { loan: instalments(7, { followUps: [{ note: '实地回访：订单饱满，生产经营正常', riskLevel: 'LOW' }] }) },
  ),
  d('hengang', 8_000_000, 12, 'TECH_UPGRADE', 'IP_PLEDGE', 4.2, '锻压生产线数字化改造').funded('srdi', 3.45, '专利质押登记后放款', {
    loan: bullet(12, {
      plusDays: 10,
      followUps: [{ note: '贷款临近到期，企业申请应急转贷衔接续贷', riskLevel: 'MEDIUM' }],
      reliefs: [bridgeFund('到期本金较大，续贷审批期间申请应急转贷资金过桥')],
    }),
  }),
  d('lianfeng', 10_000_000, 12, 'EQUIPMENT', 'MORTGAGE', 4.3, '购置五轴加工中心及检测设备').funded('autochain', 3.6, '厂房抵押', {
    loan: bullet(12, {
      plusDays: 12,
      reliefs: [bridgeFund('主机厂回款周期延长，申请应急转贷', approved('符合应急转贷条件，同意使用转贷资金'))],
    }),
  }),
  d('jingyao', 12_000_000, 12, 'RND', 'CREDIT', 3.9, 'Micro LED 芯片研发中试线').funded('relending', 3.2, '纳入再贷款台账管理', {
    loan: bullet(12, { plusDays: 8, reliefs: [bridgeFund('研发投入集中，申请应急转贷', refused('企业账面资金充足，可按期还款'))] }),
  }),
  d('chiyu', 5_000_000, 12, 'WORKING_CAPITAL', 'CREDIT', 4.6, '摩托车发动机配件原材料备货').funded('renewal', 3.9, '白名单企业信用贷款', {
    loan: instalments(12, { plusDays: 20, reliefs: [renewal('订单季节性波动，申请无还本续贷')] }),
  }),
  d('zaisheng', 4_000_000, 12, 'WORKING_CAPITAL', 'RECEIVABLES', 4.6, '回收旧件周转资金').funded('renewal', 3.8, '应收账款质押登记', {
    loan: instalments(12, { plusDays: 25, reliefs: [renewal('再制造订单增长，资金需求延续', approved('经营稳定，同意无还本续贷'))] }),
  }),
  d('zhiyu', 6_000_000, 12, 'RND', 'IP_PLEDGE', 4.2, 'L3级域控制器研发').funded('srdi', 3.5, '知识产权质押', {
    loan: instalments(12, {
      plusDays: 15,
      reliefs: [renewal('研发周期延长，申请无还本续贷', refused('研发项目尚未形成收入，建议改用知识产权质押贷'))],
    }),
  }),
  d('honglun', 2_000_000, 24, 'EQUIPMENT', 'MORTGAGE', 4.5, '购置数控滚齿机').funded('autochain', 4.1, '设备抵押', {
    loan: instalments(5, {
      missed: 2,
      followUps: [{ note: '连续两期未还款，下游车企压款，已约谈实际控制人', riskLevel: 'HIGH' }],
      reliefs: [deferral('下游回款延迟，申请延期还本付息3个月', 3)],
    }),
  }),
  d('zhujiang', 800_000, 12, 'WORKING_CAPITAL', 'MORTGAGE', 4.8, '锁芯铜材采购').funded('hardware', 4.2, '房产抵押', {
    loan: instalments(4, {
      followUps: [{ note: '企业反映原材料涨价，毛利下滑', riskLevel: 'MEDIUM' }],
      reliefs: [deferral('原材料价格上涨，申请延期还本付息', 3, approved('同意延期3个月'))],
    }),
  }),
  d('shengheng', 3_000_000, 12, 'EQUIPMENT', 'RECEIVABLES', 4.5, '电梯导轨生产线扩能').funded('autochain', 3.9, '应收账款质押', {
    loan: instalments(6, { reliefs: [deferral('项目验收推迟，申请延期2个月', 2, refused('现金流可覆盖当期还款'))] }),
  }),
  d('tianqing', 6_000_000, 24, 'TECH_UPGRADE', 'GUARANTEE', 4.3, '碳酸锶窑炉节能改造').funded(
    'yinzhengtong',
    3.55,
    '政银担业务，担保公司承担50%风险',
    {
      quotes: [xingnong(0.8), tcdb(1.0)],
      select: 'xingnong',
      loan: instalments(3, { followUps: [{ note: '技改项目已投产，能耗下降约12%', riskLevel: 'LOW' }] }),
    },
  ),
  d('qiaogong', 1_500_000, 12, 'WORKING_CAPITAL', 'GUARANTEE', 5.0, '不锈钢厨具外贸订单备料').funded('xiaoweidan', 4.2, '小微担批量业务', {
    quotes: [tcdb(0.9), xingnong(1.1)],
    select: 'tcdb',
    loan: instalments(2),
  }),
  d('baiduan', 800_000, 12, 'WORKING_CAPITAL', 'GUARANTEE', 5.5, '春耕农具备货').funded('xiaoweidan', 4.6, '小微担批量业务', {
    quotes: [xingnong(1.0)],
    select: 'xingnong',
    loan: instalments(1, { missed: 1, followUps: [{ note: '首期未按时还款，电话催收中', riskLevel: 'MEDIUM' }] }),
  }),
  d('sijing', 20_000_000, 36, 'EQUIPMENT', 'MORTGAGE', 3.8, '高纯锶盐新产线设备购置').funded('relending', 3.15, '再贷款资金定向支持', {
    loan: instalments(4),
  }),
  d('mingxin', 2_000_000, 6, 'RND', 'IP_PLEDGE', 4.6, 'LED 驱动芯片流片费用').funded('ippledge', 3.9, '发明专利质押', {
    loan: instalments(8, { followUps: [{ note: '贷款已全部结清', riskLevel: 'LOW' }] }),
  }),
  d('zhongchi', 5_000_000, 12, 'EQUIPMENT', 'GUARANTEE', 4.3, '专用车底盘改装设备购置').funded('yinzhengtong', 3.5, '政银担业务', {
    quotes: [xingnong(0.75), tcdb(0.95)],
    select: 'xingnong',
    loan: instalments(0),
  }),
  d('huanxin', 15_000_000, 36, 'TECH_UPGRADE', 'CREDIT', 4.0, '发动机再制造智能产线（研发加计扣除额度提升）').funded(
    'srdi',
    3.3,
    '研发费用加计扣除备案额度上浮50%',
    { loan: bullet(2, { followUps: [{ note: '产线设备已到货安装', riskLevel: 'LOW' }] }) },
  ),
  d('ganzhi', 5_000_000, 24, 'RND', 'IP_PLEDGE', 4.5, '4D 毫米波雷达量产验证').funded('ippledge', 3.7, '专利组合质押', {
    loan: instalments(3),
  }),
  // —— accepted, not yet disbursed ——
  d('jingqian', 3_000_000, 24, 'TECH_UPGRADE', 'GUARANTEE', 4.3, '钳类工具热处理线改造').accepted('yinzhengtong', 3.6, '政银担业务', {
    quotes: [xingnong(0.85), tcdb(0.9)],
  }),
  d('tuan', 2_000_000, 12, 'WORKING_CAPITAL', 'GUARANTEE', 5.0, '制动片原材料采购').accepted('xiaoweidan', 4.3, '小微担批量业务'),
  d('yunti', 2_000_000, 12, 'WORKING_CAPITAL', 'CREDIT', 4.6, '电梯安装项目垫资').accepted('renewal', 3.95, '白名单信用贷款'),
  d('huanwei', 4_000_000, 12, 'EQUIPMENT', 'GUARANTEE', 4.3, '新能源环卫车装配工装').accepted('yinzhengtong', 3.6, '政银担业务', {
    quotes: [xingnong(0.9)],
    select: 'xingnong',
  }),
  // —— offered ——
  d('cheliang', 3_000_000, 12, 'RND', 'CREDIT', 4.2, '车路协同云控平台研发').offered('srdi', 3.5, '信用贷款，按季付息'),
  d('guanggu', 1_500_000, 12, 'EQUIPMENT', 'IP_PLEDGE', 4.6, '光纤激光器装配线').offered('ippledge', 3.9, '专利质押'),
  d('wending', 8_000_000, 24, 'EQUIPMENT', 'MORTGAGE', 4.0, '永磁同步曳引机扩产').offered('relending', 3.25, '再贷款资金定向支持'),
  d('lenglian', 2_500_000, 24, 'EQUIPMENT', 'MORTGAGE', 4.5, '冷藏车厢体生产设备').offered('autochain', 3.95, '设备抵押'),
  // —— a bank is interested ——
  d('tanghui', 2_000_000, 12, 'RND', 'CREDIT', 4.2, '车载光学镜头研发').interested('srdi'),
  d('xingtu', 4_000_000, 36, 'TECH_UPGRADE', 'RECEIVABLES', 4.5, '线控转向系统产线建设').interested('autochain'),
  d('chiyan', 6_000_000, 24, 'EQUIPMENT', 'MORTGAGE', 4.5, '举高喷射消防车底盘采购').interested('autochain'),
  // —— a bank declined ——
  d('junda', 1_500_000, 12, 'WORKING_CAPITAL', 'MORTGAGE', 4.5, '车灯模具采购').declined('autochain', '抵押物评估价值不足'),
  d('tansuan', 2_000_000, 12, 'WORKING_CAPITAL', 'GUARANTEE', 5.0, '环保设备更新').declined('yinzhengtong', '环保评级待复核，暂不受理'),
  d('ancheng', 1_200_000, 12, 'WORKING_CAPITAL', 'RECEIVABLES', 4.8, '电梯配件订单周转').declined('autochain', '近两年连续亏损'),
  // —— posted, banks have not answered yet (SLA) ——
  d('ruishi', 1_000_000, 12, 'WORKING_CAPITAL', 'CREDIT', 5.0, '显示模组采购').open(),
  d('longfeng', 2_000_000, 18, 'EQUIPMENT', 'MORTGAGE', 4.8, '冲压设备更新').open(),
  d('sike', 3_000_000, 24, 'RND', 'IP_PLEDGE', 4.5, '锶基储能材料中试').open(),
  d('zhixing', 5_000_000, 36, 'RND', 'CREDIT', 4.2, '自动驾驶算法平台研发').open(),
  d('gaosheng', 1_200_000, 12, 'WORKING_CAPITAL', 'RECEIVABLES', 4.8, '导轨订单备料').open(),
  d('wangu', 2_500_000, 12, 'TECH_UPGRADE', 'CREDIT', 4.3, '刃具磨削自动化改造').open(),
  d('guangqi', 6_000_000, 24, 'EQUIPMENT', 'CREDIT', 4.2, '精密光学镀膜设备').open(),
  d('lvxun', 1_000_000, 12, 'WORKING_CAPITAL', 'RECEIVABLES', 5.0, '废旧金属收购周转').open(),
  // —— withdrawn by the enterprise ——
  d('daojian', 1_000_000, 12, 'WORKING_CAPITAL', 'CREDIT', 4.8, '刀剪礼盒包装采购').withdrawn(),
  d('xinchi', 600_000, 12, 'WORKING_CAPITAL', 'MORTGAGE', 5.0, '摩配库存周转').withdrawn(),
  // —— no product fits ——
  d('hongyuan', 50_000_000, 60, 'PRE_IPO', 'CREDIT', 3.0, '再生资源产业园建设').unmatched(),
];
