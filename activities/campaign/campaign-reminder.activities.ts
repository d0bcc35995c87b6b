import { DataSource } from 'typeorm';
import { CampaignProjectionQueries } from '../../libs/database/src/campaign/campaign-projection.queries';
import type { CadenceKind } from '../../libs/domain/src/campaign/campaign-rules';
import { cstDate, formatCst } from '../../libs/domain/src/time/china-time';
import { activePeopleWithRole } from '../notifications/recipients';
import { notify } from '../common/notifications';

export interface CampaignReminderInput {
  campaignId: string;
  kind: Exclude<CadenceKind, 'bulletin'>;
  /** ISO due time of the reminder. */
  dueAt: string;
}

/** The reminders of a campaign's cadence: dispatch meetings and monthly reports. */
export function createCampaignReminderActivities(dataSource: DataSource) {
  return {
    /**
     * Reminders of the cadence: the weekly dispatch meeting (调度会) to the command center; the
     * monthly report (按月报送) to the department people of every lead unit with unfinished tasks,
     * at most once per unit and month.
     */
    async sendCampaignReminder(input: CampaignReminderInput): Promise<{ notificationIds: string[] }> {
      return dataSource.transaction(async (manager) => {
        const queries = new CampaignProjectionQueries(manager);
        const { name } = await queries.runningPlan(input.campaignId);
        const dueAt = new Date(input.dueAt);
        const subject = `campaign:${input.campaignId}`;
        if (input.kind === 'dispatch-meeting') {
          return {
            notificationIds: await notify(manager, await activePeopleWithRole(manager, 'command-center'), {
              dedupeKey: `campaign-dispatch:${input.campaignId}:${input.dueAt}`,
              kind: 'campaign.dispatch-meeting',
              title: `${name}：指挥部调度会提醒`,
              body: `本周调度会时间 ${formatCst(dueAt)}，请汇总各责任单位任务进展、逾期和督办情况。`,
              subject,
            }),
          };
        }
        const month = cstDate(dueAt).slice(0, 7);
        const open = await queries.openTasksByLeadUnit(input.campaignId);
        const ids: string[] = [];
        for (const { unit, names } of open) {
          ids.push(
            ...(await notify(manager, await activePeopleWithRole(manager, 'department', [unit]), {
              dedupeKey: `campaign-monthly:${input.campaignId}:${unit}:${month}`,
              kind: 'campaign.monthly-report',
              title: `${name}：请报送${month.replace('-', '年')}月任务进展`,
              body: `今日（${cstDate(dueAt)}）为月度报送日，请报送以下任务的进展：${names.join('、')}。`,
              subject,
            })),
          );
        }
        return { notificationIds: ids };
      });
    },
  };
}
