// Form fields that more than one form asks for in the same words and with the same rules.
import { Form, InputNumber } from 'antd';

/** 期限（月）: a whole number of months, 1 to 360 (the contract's range). */
export function TermMonthsItem() {
  return (
    <Form.Item
      label="期限（月）"
      name="termMonths"
      rules={[
        { required: true, message: '请输入期限' },
        { type: 'integer', min: 1, max: 360, message: '期限须为 1 至 360 个月' },
      ]}
    >
      <InputNumber style={{ width: '100%' }} precision={0} />
    </Form.Item>
  );
}
