// 匹配理由: every rule of a match with whether it passed and why, shown wherever a match row expands.
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { List, Space, Typography } from 'antd';

export interface Reason {
  rule: string;
  passed: boolean;
  detail: string;
}

export function Reasons({ reasons }: { reasons: Reason[] }) {
  return (
    <List
      size="small"
      dataSource={reasons}
      renderItem={(r) => (
        <List.Item>
          <Space align="start">
            {r.passed ? (
              <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="通过" />
            ) : (
              <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label="未通过" />
            )}
            <span>
              <Typography.Text strong>{r.rule}</Typography.Text>：{r.detail}
            </span>
          </Space>
        </List.Item>
      )}
    />
  );
}
