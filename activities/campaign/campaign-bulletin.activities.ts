import { DataSource } from 'typeorm';
import { appendAudit } from '../../libs/database/src/audit/audit-trail';
import { CampaignNoticeQueries } from '../../libs/database/src/campaign/campaign-notice.queries';
import { CampaignProgressQueries } from '../../libs/database/src/campaign/campaign-progress.queries';
import { CampaignProjectionQueries } from '../../libs/database/src/campaign/campaign-projection.queries';
import {
  DocumentSettings,
  returnDocumentNumber,
  stampDocument,
} from '../../libs/database/src/documents/document-numbers';
import { BULLETIN_KIND } from '../../libs/database/src/rectification/publish-bulletin';
import {
  campaignBulletin,
  type CampaignBulletinPayload,
  taskProgress,
} from '../../libs/domain/src/campaign/campaign-progress';
import type { Actor } from '../../libs/domain/src/process/actor';
import { formatCst } from '../../libs/domain/src/time/china-time';
import { activePeopleWithRole } from '../notifications/recipients';
import { appendCampaignChange } from './campaign-escalation.activities';
import { notify } from '../common/notifications';

export interface PublishCampaignBulletinInput {
  campaignId: string;
  number: number;
  /** ISO instant the bulletin reports on: its due time. */
  asOf: string;
}

const SCHEDULE_ACTOR: Actor = { id: 'system:campaign', name: '系统（攻坚行动）', unit: null, roles: [] };

/** The weekly bulletins of a campaign (一周一通报). */
export function createCampaignBulletinActivities(dataSource: DataSource, documents: DocumentSettings = {}) {
  return {
    /**
     * Publishes weekly bulletin number `number` as of its due time (一周一通报): ranking of lead
     * units, overdue, escalated and behind-pace tasks, goals. A published bulletin is frozen (the
     * database refuses changes); a retry finds it stored and only re-sends the same notifications
     * to the command center and leadership.
     */
    async publishCampaignBulletin(
      input: PublishCampaignBulletinInput,
    ): Promise<{ bulletinId: string; number: number; notificationIds: string[] }> {
      return dataSource.transaction(async (manager) => {
        const { name, goals } = await new CampaignProjectionQueries(manager).runningPlan(input.campaignId);
        const bulletins = new CampaignNoticeQueries(manager);
        const asOf = new Date(input.asOf);
        const already = await bulletins.bulletin(input.campaignId, input.number);
        // its 文号 in the office's 通报 sequence (shared with ledger bulletins), taken only when new
        const stamp = already ? undefined : await stampDocument(manager, documents, BULLETIN_KIND, asOf);
        const payload: CampaignBulletinPayload = {
          ...campaignBulletin(
            input.number,
            asOf,
            goals,
            taskProgress(await new CampaignProgressQueries(manager).progressRows(input.campaignId), asOf),
          ),
          ...(stamp ? { document: stamp } : {}),
        };
        const inserted = await bulletins.insertBulletin(input.campaignId, input.number, input.asOf, payload);
        if (!inserted && stamp)
          await returnDocumentNumber(
            manager,
            { issuingUnit: stamp.issuingUnit, kind: stamp.kind, year: stamp.year },
            stamp.serial,
          );
        const bulletin = await bulletins.bulletin(input.campaignId, input.number);
        if (!bulletin)
          throw new Error(`bulletin ${input.number} of campaign ${input.campaignId} is not stored`);
        if (inserted) {
          await appendCampaignChange(manager, {
            campaignId: input.campaignId,
            at: input.asOf,
            kind: 'bulletin',
            taskKey: null,
            dedupeKey: `bulletin:${input.number}`,
            payload: {
              bulletinId: bulletin.id,
              number: input.number,
              asOf: input.asOf,
              overdue: payload.overdue.length,
              escalated: payload.escalated.length,
            },
          });
          await appendAudit(manager, SCHEDULE_ACTOR, {
            action: 'campaign.bulletin',
            subject: `campaign:${input.campaignId}`,
            after: { bulletinId: bulletin.id, number: input.number, asOf: input.asOf },
          });
        }
        const published = bulletin.payload;
        const recipients = [
          ...(await activePeopleWithRole(manager, 'command-center')),
          ...(await activePeopleWithRole(manager, 'leadership')),
        ];
        const notificationIds = await notify(manager, recipients, {
          dedupeKey: `campaign-bulletin:${input.campaignId}:${input.number}`,
          kind: 'campaign.bulletin',
          title: `${name}第${input.number}期通报（截至 ${formatCst(asOf)}）`,
          body: `逾期任务 ${published.overdue.length} 项，已督办 ${published.escalated.length} 项，落后序时进度 ${published.behindPace.length} 项。${
            published.ranking.length > 0 ? `单位排名第一：${published.ranking[0].unit}。` : ''
          }`,
          subject: `campaign:${input.campaignId}`,
        });
        return { bulletinId: bulletin.id, number: input.number, notificationIds };
      });
    },
  };
}
