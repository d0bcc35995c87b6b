import { Descriptions, Typography } from 'antd';
import type { EscalationStep } from '../../../../../../libs/domain/src/escalation/ladder';
import {
  ACTIVE_STAGES,
  APPROVAL_LEVEL_LABELS,
  APPROVAL_LEVELS,
  STAGE_LABELS,
} from '../../../../../../libs/domain/src/housing/household-stages';
import { showDeadline } from '../../../shared/deadline';
import { useUnits } from '../../department/households/useUnits';
import type { Programme } from '../../leadership/housing/housing-queries';
import { durationOrNone } from './DurationInput';
import { offsetText } from './HouseholdLadder';
import { TIME_LIMITS } from './programme-fields';

/** A programme's rules as people read them: stage deadlines as written, durations in words, the ladder. */
export function ProgrammeSettings({ programme }: { programme: Programme }) {
  const { nameOf } = useUnits();
  const stages = ACTIVE_STAGES.filter((stage) => programme.stageDeadlines[stage]);
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} data-testid="programme-settings">
      <Descriptions.Item label="县住建局">{nameOf(programme.housingBureau)}</Descriptions.Item>
      {stages.map((stage) => (
        <Descriptions.Item key={stage} label={`${STAGE_LABELS[stage]}完成期限`}>
          {showDeadline(programme.stageDeadlines[stage], programme.stageDeadlineDates[stage])}
        </Descriptions.Item>
      ))}
      {stages.length === 0 && (
        <Descriptions.Item label="环节期限">
          <Typography.Text type="secondary">未设</Typography.Text>
        </Descriptions.Item>
      )}
      {APPROVAL_LEVELS.map((level) => (
        <Descriptions.Item key={level} label={`${APPROVAL_LEVEL_LABELS[level]}后公示`}>
          {durationOrNone(programme.noticePeriods[level])}
        </Descriptions.Item>
      ))}
      {TIME_LIMITS.map(({ name, label }) => (
        <Descriptions.Item key={name} label={label}>
          {durationOrNone(programme[name])}
        </Descriptions.Item>
      ))}
      <Descriptions.Item label="督办阶梯" span={3}>
        {(programme.ladder as unknown as EscalationStep[])
          .map((step) => `${step.label}（${offsetText(step.offset)}）`)
          .join(' → ')}
      </Descriptions.Item>
    </Descriptions>
  );
}
