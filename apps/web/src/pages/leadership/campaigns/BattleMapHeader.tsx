import { Card, Col, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { CampaignProgress } from './campaign-queries';
import { campaignDaysText, windowText } from './format';

const STATUS_COLOURS: Record<string, string> = {
  draft: 'default',
  running: 'processing',
  paused: 'warning',
  closed: 'success',
};

/** The battle map's header: the campaign, its window, days left, overall progress and the counts. */
export function BattleMapHeader({ progress, extra }: { progress: CampaignProgress; extra?: ReactNode }) {
  const { campaign, counts } = progress;
  const pending = counts.pledges - counts.pledgesSigned;
  return (
    <Card>
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} lg={14}>
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Space wrap align="center">
              <Typography.Title level={3} style={{ margin: 0 }}>
                {campaign.name}
              </Typography.Title>
              <Tag color={STATUS_COLOURS[campaign.status]}>{campaign.statusLabel}</Tag>
            </Space>
            <Typography.Text type="secondary">
              行动期限：{windowText(campaign.window)}（{campaignDaysText(campaign.daysLeft)}）
            </Typography.Text>
            {extra}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <div aria-label="总体进度">
            <Typography.Text>总体进度</Typography.Text>
            <Progress percent={campaign.percentage} data-testid="overall-progress" />
          </div>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={12} sm={8} md={4}>
          <Statistic title="任务" value={counts.tasks} />
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Statistic title="已完成" value={counts.accepted} />
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Statistic
            title="逾期"
            value={counts.overdue}
            styles={{ content: { color: counts.overdue ? '#cf1322' : undefined } }}
          />
        </Col>
        <Col xs={12} sm={8} md={4}>
          <Statistic title="督办中" value={counts.escalated} />
        </Col>
        <Col xs={24} sm={16} md={8}>
          <Statistic
            title="责任状（已签 / 待签 / 逾期未签）"
            value={`${counts.pledgesSigned} / ${pending} / ${counts.pledgesOverdue}`}
          />
        </Col>
      </Row>
    </Card>
  );
}
