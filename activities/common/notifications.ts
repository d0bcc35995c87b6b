import type { EntityManager } from 'typeorm';
import {
  NotificationMessage,
  NotificationQueries,
} from '../../libs/database/src/notifications/notification.queries';

export type { NotificationMessage } from '../../libs/database/src/notifications/notification.queries';

/**
 * The notifications of one message, one per recipient in the order given, at most once per
 * (recipient, dedupe key): a repeated activity finds the rows it made. Returns their ids. Every
 * process (rectification, housing, campaign) writes its notifications through this.
 */
export async function insertNotifications(
  manager: EntityManager,
  recipients: readonly string[],
  message: NotificationMessage,
): Promise<string[]> {
  return new NotificationQueries(manager).insertOnce(recipients, message);
}

/** Notifications, one per person (each named once, in id order), at most once per dedupe key; returns their ids. */
export function notify(
  manager: EntityManager,
  recipients: string[],
  message: NotificationMessage,
): Promise<string[]> {
  return insertNotifications(manager, [...new Set(recipients)].sort(), message);
}
