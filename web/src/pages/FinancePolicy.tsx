// 政策参数 (finance centre): guarantee fee cap and target, risk shares, bank response SLA and how it is
// counted (the basis is a gateway addition: asked separately, shown when present).
import { Button, Card, Form, Select, type FormInstance, type FormRule } from 'antd';
import { request, requestOptional } from '../api';
import { PolicyQDocument, SetPolicyDocument, type PolicyInput } from '../gql/generated';
import { InlineError, Loadable, NumberItem } from '../components';
import { useLoad, useSubmit } from '../hooks';

export function FinancePolicy() {
  const state = useLoad(async () => {
    const [typed, sla] = await Promise.all([
      request(PolicyQDocument),
      requestOptional<{ policy: { bankResponseSlaBasis: string; bankResponseSlaWorkingDays: number } }>(
        '{ policy { bankResponseSlaBasis bankResponseSlaWorkingDays } }',
      ),
    ]);
    return { policy: { ...typed.policy, ...(sla?.policy ?? {}) }, hasBasis: sla !== null };
  }, []);
  const { busy, error, run } = useSubmit({ onDone: state.reload });
  const [form] = Form.useForm<PolicyInput>();
  const save = (input: PolicyInput) => run(() => request(SetPolicyDocument, { input }), { success: '政策参数已更新' });
  return (
    <Card title="政策参数" style={{ maxWidth: 640 }}>
      <Loadable state={state}>
        {({ policy, hasBasis }) => (
          <Form form={form} layout="vertical" initialValues={policy} onFinish={save}>
            <InlineError error={error} />
            <FeeRateItems form={form} />
            <RiskShareItems form={form} />
            <SlaItems hasBasis={hasBasis} />
            <Button type="primary" htmlType="submit" loading={busy}>
              保存
            </Button>
          </Form>
        )}
      </Loadable>
    </Card>
  );
}

const FEE_RATE: FormRule = { type: 'number', min: 0.01, max: 10, message: '大于 0 且不超过 10' };

/** 担保费率: the cap and the target, which may not exceed it. */
function FeeRateItems({ form }: { form: FormInstance<PolicyInput> }) {
  return (
    <>
      <NumberItem label="担保费率上限（%/年）" name="guaranteeFeeRateCap" required="必填" range={FEE_RATE} step={0.1} />
      <NumberItem
        label="担保费率目标（%/年）"
        name="guaranteeFeeRateTarget"
        dependencies={['guaranteeFeeRateCap']}
        required="必填"
        range={FEE_RATE}
        rules={[
          {
            validator: (_, v: number) =>
              v <= (form.getFieldValue('guaranteeFeeRateCap') as number)
                ? Promise.resolve()
                : Promise.reject(new Error('目标不能高于上限')),
          },
        ]}
        step={0.1}
      />
    </>
  );
}

/** 风险分担: the guarantor's, the bank's and the government's shares, which add up to 100. */
function RiskShareItems({ form }: { form: FormInstance<PolicyInput> }) {
  const sum = (_: unknown, __: unknown) => {
    const v = form.getFieldsValue(['riskShareGuarantor', 'riskShareBank', 'riskShareGovernment']) as Record<string, number | undefined>;
    const total = (v.riskShareGuarantor ?? 0) + (v.riskShareBank ?? 0) + (v.riskShareGovernment ?? 0);
    return Math.abs(total - 100) < 1e-9 ? Promise.resolve() : Promise.reject(new Error(`三方分担比例之和须为 100（当前 ${total}）`));
  };
  return (
    <>
      {(['riskShareGuarantor', 'riskShareBank', 'riskShareGovernment'] as const).map((f, i) => (
        <NumberItem
          key={f}
          label={['担保机构分担比例（%）', '银行分担比例（%）', '政府风险补偿比例（%）'][i]!}
          name={f}
          dependencies={['riskShareGuarantor', 'riskShareBank', 'riskShareGovernment'].filter((x) => x !== f)}
          required="必填"
          range={{ type: 'number', min: 0, max: 100, message: '0 至 100' }}
          rules={[{ validator: sum }]}
        />
      ))}
    </>
  );
}

/** 银行响应时限: hours, and (where the gateway serves them) how they are counted. */
function SlaItems({ hasBasis }: { hasBasis: boolean }) {
  return (
    <>
      <NumberItem
        label="银行响应时限（小时）"
        name="bankResponseSlaHours"
        required="必填"
        range={{ type: 'integer', min: 1, max: 8760, message: '1 至 8760 小时' }}
        precision={0}
      />
      {hasBasis && (
        <>
          <Form.Item
            label="银行响应时限计算方式"
            name="bankResponseSlaBasis"
            extra="工作小时、工作日按「工作日历」计算（节假日不计，调休上班日计入），北京时间。"
          >
            <Select
              options={[
                { value: 'CLOCK_HOURS', label: '自然小时（按上面的小时数连续计时）' },
                { value: 'WORKING_HOURS', label: '工作小时（按上面的小时数，仅工作日计时）' },
                { value: 'WORKING_DAYS', label: '工作日（第 N 个工作日北京时间 24 时前）' },
              ]}
            />
          </Form.Item>
          <NumberItem
            label="按工作日计时的天数"
            name="bankResponseSlaWorkingDays"
            range={{ type: 'integer', min: 1, max: 30, message: '1 至 30 个工作日' }}
            precision={0}
          />
        </>
      )}
    </>
  );
}
