import { Client } from '@temporalio/client';
import type { DocumentSettings } from '../libs/database/src/documents/document-numbers';
import { DataSource } from 'typeorm';
import { createBatchActivities } from './batch/batch.activities';
import { createHouseholdImportActivities } from './housing/household-import.activities';
import { createHouseholdActivities } from './housing/household.activities';
import { PaymentGateway } from './housing/payment-gateway';
import { createSubsidyPaymentActivities } from './housing/subsidy-payment.activities';
import { createCampaignTaskActivities } from './campaign/campaign-task.activities';
import { createRoundTripActivities } from './diagnostics/round-trip.activities';
import { createUpdateFloorActivities } from './diagnostics/update-floor.activities';
import {
  createNotificationDeliveryActivities,
  WebhookSettings,
} from './notifications/notification-delivery.activities';
import { createCampaignActivities } from './campaign/campaign.activities';
import { withNothingToPush } from './notifications/nothing-to-push';
import { createBulletinActivities } from './rectification/bulletin.activities';
import { createRectificationActivities } from './rectification/rectification.activities';

export interface ActivityDependencies {
  dataSource: DataSource;
  webhook: WebhookSettings;
  paymentGateway: PaymentGateway;
  /** The county's issuing office for numbered documents (ISSUING_UNIT_CODE). */
  documents?: DocumentSettings;
  /** Starts household pipelines for imports. */
  temporal: { client: Client; taskQueue: string; householdStartChunk: number };
}

/** Every activity the worker registers, built from its dependencies. Workflows import this type only. */
export function createActivities(deps: ActivityDependencies) {
  const activities = {
    ...createRoundTripActivities(deps.dataSource),
    ...createUpdateFloorActivities(),
    ...createRectificationActivities(deps.dataSource, deps.documents),
    ...createBulletinActivities(deps.dataSource, deps.documents),
    ...createNotificationDeliveryActivities(deps.dataSource, deps.webhook),
    ...createHouseholdActivities(deps.dataSource),
    ...createSubsidyPaymentActivities(deps.dataSource, deps.paymentGateway),
    ...createCampaignTaskActivities(deps.dataSource, deps.documents),
    ...createHouseholdImportActivities(deps.dataSource, {
      client: deps.temporal.client,
      taskQueue: deps.temporal.taskQueue,
      chunk: deps.temporal.householdStartChunk,
    }),
    ...createCampaignActivities(deps.dataSource, deps.documents),
    ...createBatchActivities(deps.dataSource, deps.temporal.client),
  };
  return deps.webhook.url ? activities : withNothingToPush(activities);
}

export type Activities = ReturnType<typeof createActivities>;
