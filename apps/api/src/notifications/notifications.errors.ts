import { declareErrors } from '../common/errors/error-catalogue';

/** A person's notifications. */
export const NotificationsErrors = declareErrors('notifications', {
  NOTIFICATION_NOT_FOUND: { status: 404, message: '通知不存在' },
});
