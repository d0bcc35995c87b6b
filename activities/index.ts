import { DataSource } from 'typeorm';
import { createRoundTripActivities } from './diagnostics/round-trip.activities';
import {
  createNotificationDeliveryActivities,
  WebhookSettings,
} from './notifications/notification-delivery.activities';
import { createBulletinActivities } from './rectification/bulletin.activities';
import { createRectificationActivities } from './rectification/rectification.activities';

export interface ActivityDependencies {
  dataSource: DataSource;
  webhook: WebhookSettings;
}

/** Every activity the worker registers, built from its dependencies. Workflows import this type only. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createRoundTripActivities(deps.dataSource),
    ...createRectificationActivities(deps.dataSource),
    ...createBulletinActivities(deps.dataSource),
    ...createNotificationDeliveryActivities(deps.dataSource, deps.webhook),
  };
}

export type Activities = ReturnType<typeof createActivities>;
