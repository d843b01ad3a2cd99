// 工作日历 (finance centre): each year's holidays and 调休 working days, which every working-day rule
// follows (应急转贷's working days, the banks' response SLA, payable days of instalments). The operations
// are gateway additions beyond the contract (workingCalendar, setWorkingCalendarYear).
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../api';
import { TypedDocumentString } from '../gql/generated';
import { InlineError, Loadable } from '../components';
import { useLoad, useSubmit, type Submit } from '../hooks';

interface CalendarDay {
  date: string;
  name: string;
}
interface CalendarYear {
  year: number;
  maintained: boolean;
  workingDays: number;
  updatedAt: string | null;
  holidays: CalendarDay[];
  makeUpWorkdays: CalendarDay[];
}
type YearInput = Pick<CalendarYear, 'year' | 'holidays' | 'makeUpWorkdays'>;

const FIELDS = 'year maintained workingDays updatedAt holidays { date name } makeUpWorkdays { date name }';
const READ = new TypedDocumentString<{ workingCalendar: CalendarYear }, { year: number }>(
  `query WorkingCalendar($year: Int!) { workingCalendar(year: $year) { ${FIELDS} } }`,
);
const SET = new TypedDocumentString<{ setWorkingCalendarYear: CalendarYear }, { input: YearInput }>(
  `mutation SetWorkingCalendarYear($input: WorkingCalendarYearInput!) { setWorkingCalendarYear(input: $input) { ${FIELDS} } }`,
);

/** This year in Beijing, whatever the browser's zone. */
const beijingYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

function DayList({ name, title, help }: { name: 'holidays' | 'makeUpWorkdays'; title: string; help: string }) {
  return (
    <Card size="small" title={title} extra={<Typography.Text type="secondary">{help}</Typography.Text>}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item
                  name={[f.name, 'date']}
                  rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式：2026-10-01' }]}
                >
                  <Input placeholder="2026-10-01" aria-label="日期" style={{ width: 130 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 50, message: '请填写名称（不超过 50 字）' }]}>
                  <Input placeholder={name === 'holidays' ? '国庆节' : '国庆节调休上班'} aria-label="名称" style={{ width: 170 }} />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(f.name)}>
                  删除
                </Button>
              </Space>
            ))}
            <Button type="dashed" onClick={() => add({ date: '', name: '' })} block>
              添加一天
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}

type DayLists = Pick<CalendarYear, 'holidays' | 'makeUpWorkdays'>;

export function FinanceCalendar() {
  const [year, setYear] = useState(beijingYear());
  const state = useLoad(() => request(READ, { year }), [year]);
  const submit = useSubmit({ onDone: state.reload });
  const clean = (days: CalendarDay[] | undefined) => (days ?? []).map((d) => ({ date: d.date.trim(), name: d.name.trim() }));
  const save = (values: DayLists) =>
    submit.run(() => request(SET, { input: { year, holidays: clean(values.holidays), makeUpWorkdays: clean(values.makeUpWorkdays) } }), {
      success: `${year} 年工作日历已保存，各项工作日规则即时生效`,
    });

  return (
    <Card
      title="工作日历"
      extra={
        <Space>
          <span>年份</span>
          <InputNumber aria-label="年份" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Space>
      }
    >
      <Loadable state={state}>{({ workingCalendar: c }) => <CalendarForm c={c} submit={submit} onSave={save} />}</Loadable>
    </Card>
  );
}

/** One year's days, its figures, and 保存; a warning while the year has not been maintained. */
function CalendarForm({ c, submit: { busy, error }, onSave }: { c: CalendarYear; submit: Submit; onSave: (v: DayLists) => void }) {
  return (
    <Form
      key={`${c.year}-${c.updatedAt ?? ''}`}
      layout="vertical"
      initialValues={{ holidays: c.holidays, makeUpWorkdays: c.makeUpWorkdays }}
      onFinish={onSave}
    >
      {!c.maintained && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`尚未录入 ${c.year} 年的节假日安排：目前按周一至周五计算工作日。请依据国务院办公厅当年的放假通知录入放假日和调休上班日。`}
        />
      )}
      <InlineError error={error} />
      <YearFigures c={c} />
      <Typography.Paragraph type="secondary">
        所有日期按北京时间计。应急转贷的工作日期限、银行响应时限（按工作日或工作小时计时）、还款日遇节假日顺延和到期提醒均按本日历计算，保存后即时生效。
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <DayList name="holidays" title="放假日" help="法定节假日及调休放假的日期" />
        </Col>
        <Col xs={24} md={12}>
          <DayList name="makeUpWorkdays" title="调休上班日" help="须为周六或周日" />
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 12 }}>
        保存 {c.year} 年工作日历
      </Button>
    </Form>
  );
}

function YearFigures({ c }: { c: CalendarYear }) {
  return (
    <Row gutter={16} style={{ marginBottom: 12 }}>
      <Col>
        <Statistic title={`${c.year} 年工作日`} value={c.workingDays} suffix="天" />
      </Col>
      <Col>
        <Statistic title="放假日" value={c.holidays.length} suffix="天" />
      </Col>
      <Col>
        <Statistic title="调休上班日" value={c.makeUpWorkdays.length} suffix="天" />
      </Col>
    </Row>
  );
}
