import type { EscalationStep } from '../escalation/ladder';

/**
 * The ladder for a campaign task that falls behind (DOMAIN.md "Deadlines and escalation"). A task
 * has one deadline, so every step anchors on it ('basic'): a reminder three days before, a yellow
 * card when it passes, a red card three days later (leadership told), public criticism in the
 * bulletin after a week, a summons (约谈) of the responsible leader after two weeks and
 * accountability (问责) after thirty days. Escalations go to the lead unit (the responsible unit).
 */
export const DEFAULT_CAMPAIGN_LADDER: EscalationStep[] = [
  {
    level: 1,
    kind: 'reminder',
    label: '到期提醒',
    anchor: 'basic',
    offset: '-P3D',
    audience: ['responsible-unit'],
    leaderMustAct: false,
    notice: { kind: '催办单', colour: 'blue' },
  },
  {
    level: 2,
    kind: 'yellow-warning',
    label: '黄牌预警',
    anchor: 'basic',
    offset: 'PT0S',
    audience: ['responsible-unit', 'command-center'],
    leaderMustAct: false,
    notice: { kind: '督办单', colour: 'yellow' },
  },
  {
    level: 3,
    kind: 'red-warning',
    label: '红牌预警',
    anchor: 'basic',
    offset: 'P3D',
    audience: ['responsible-unit', 'command-center', 'leadership'],
    leaderMustAct: false,
    notice: { kind: '督办单', colour: 'red' },
  },
  {
    level: 4,
    kind: 'public-criticism',
    label: '通报批评',
    anchor: 'basic',
    offset: 'P7D',
    audience: ['responsible-unit', 'command-center'],
    leaderMustAct: false,
    notice: { kind: '通报批评', colour: 'red' },
  },
  {
    level: 5,
    kind: 'summons',
    label: '约谈',
    anchor: 'basic',
    offset: 'P14D',
    audience: ['leadership', 'responsible-unit'],
    leaderMustAct: true,
    notice: { kind: '约谈通知书', colour: 'red' },
  },
  {
    level: 6,
    kind: 'accountability',
    label: '问责',
    anchor: 'basic',
    offset: 'P30D',
    audience: ['leadership', 'command-center'],
    leaderMustAct: true,
    notice: { kind: '问责决定书', colour: 'red' },
  },
];
