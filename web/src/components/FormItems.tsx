// Form fields that more than one form asks for in the same words and with the same rules.
import { Form, Input, InputNumber, type FormRule, type InputNumberProps } from 'antd';
import type { ComponentProps } from 'react';

/** The contract's largest amount, in yuan (20 亿元). */
export const AMOUNT_MAX = 2_000_000_000;

/**
 * A number field, full width unless `style` says otherwise: `required` is the message when it is left empty,
 * `range` the rule for its type and bounds, `rules` any further checks (against other fields, say).
 */
export function NumberItem({
  label,
  name,
  required,
  range,
  rules = [],
  extra,
  dependencies,
  ...input
}: {
  label: string;
  name: string;
  required?: string;
  range?: FormRule;
  rules?: FormRule[];
  extra?: string;
  dependencies?: string[];
} & Omit<InputNumberProps, 'name' | 'required'>) {
  return (
    <Form.Item
      label={label}
      name={name}
      extra={extra}
      dependencies={dependencies}
      rules={[...requiredRules(required, false), ...(range ? [range] : []), ...rules]}
    >
      <InputNumber style={{ width: '100%' }} {...input} />
    </Form.Item>
  );
}

/** 期限（月）: a whole number of months, 1 to 360 (the contract's range). */
export function TermMonthsItem() {
  return (
    <NumberItem
      label="期限（月）"
      name="termMonths"
      required="请输入期限"
      range={{ type: 'integer', min: 1, max: 360, message: '期限须为 1 至 360 个月' }}
      precision={0}
    />
  );
}

/** 融资金额（元）: whole yuan, 1 to AMOUNT_MAX (a demand's and an equity round's range). */
export function FinancingAmountItem({ extra, placeholder }: { extra?: string; placeholder: string }) {
  return (
    <NumberItem
      label="融资金额（元）"
      name="amount"
      extra={extra}
      required="请输入融资金额"
      range={{ type: 'integer', min: 1, max: AMOUNT_MAX, message: '金额须为 1 至 2,000,000,000 元的整数' }}
      precision={0}
      placeholder={placeholder}
    />
  );
}

/** The rule for a field that must be filled in (`whitespace`: blank counts as empty), or none when optional. */
function requiredRules(message: string | undefined, whitespace: boolean | undefined) {
  if (!message) return [];
  return [whitespace ? { required: true, whitespace: true, message } : { required: true, message }];
}

/**
 * A line of text of at most `max` characters (a name, a title). `required` is the message when it is left
 * empty (`whitespace`: blank counts as empty).
 */
export function TextItem({
  label,
  name,
  required,
  whitespace,
  max,
}: {
  label: string;
  name: string;
  required: string;
  whitespace?: boolean;
  max: number;
}) {
  return (
    <Form.Item label={label} name={name} rules={[...requiredRules(required, whitespace), { max, message: `不超过 ${max} 字` }]}>
      <Input maxLength={max} />
    </Form.Item>
  );
}

/**
 * Free text of at most 2000 characters (conditions, reasons, notes, pitches). `required` is the message
 * when it is left empty (`whitespace`: blank counts as empty); without it the field is optional.
 */
export function TextAreaItem({
  label,
  name,
  required,
  whitespace,
  rows = 2,
  ...textArea
}: {
  label: string;
  name: string;
  required?: string;
  whitespace?: boolean;
  rows?: number;
} & Pick<ComponentProps<typeof Input.TextArea>, 'showCount' | 'autoFocus'>) {
  return (
    <Form.Item label={label} name={name} rules={[...requiredRules(required, whitespace), { max: 2000, message: '不超过 2000 字' }]}>
      <Input.TextArea rows={rows} maxLength={2000} {...textArea} />
    </Form.Item>
  );
}
