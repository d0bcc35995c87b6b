import { DataSource } from 'typeorm';
import type { DocumentSettings } from '../../libs/database/src/documents/document-numbers';
import { createCampaignBulletinActivities } from './campaign-bulletin.activities';
import { createCampaignCloseActivities } from './campaign-close.activities';
import { createCampaignProjectionActivities } from './campaign-projection.activities';
import { createCampaignReminderActivities } from './campaign-reminder.activities';

/**
 * The campaign workflow's activities: launch and change projections, the close with its final
 * report, weekly bulletins and cadence reminders. Their names are recorded in workflow histories.
 */
export function createCampaignActivities(dataSource: DataSource, documents: DocumentSettings = {}) {
  return {
    ...createCampaignProjectionActivities(dataSource),
    ...createCampaignCloseActivities(dataSource),
    ...createCampaignBulletinActivities(dataSource, documents),
    ...createCampaignReminderActivities(dataSource),
  };
}
