import { withNothingToPush } from './nothing-to-push';

describe('withNothingToPush', () => {
  const written = ['n-1', 'n-2'];
  const activities = {
    project(householdId: string) {
      return Promise.resolve({ householdId, notificationIds: written });
    },
    publish() {
      return Promise.resolve({ bulletinId: 'b-1', number: 3, notificationIds: written });
    },
    count() {
      return Promise.resolve(7);
    },
    fail() {
      return Promise.reject(new Error('数据库不可用'));
    },
  };
  const wrapped = withNothingToPush(activities);

  it('answers no notification to push, and the rest of the answer as it was', async () => {
    await expect(wrapped.project('h-1')).resolves.toEqual({ householdId: 'h-1', notificationIds: [] });
    await expect(wrapped.publish()).resolves.toEqual({ bulletinId: 'b-1', number: 3, notificationIds: [] });
  });

  it('leaves answers without notifications and failures as they are', async () => {
    await expect(wrapped.count()).resolves.toBe(7);
    await expect(wrapped.fail()).rejects.toThrow('数据库不可用');
  });

  it('keeps every activity under its name', () => {
    expect(Object.keys(wrapped)).toEqual(Object.keys(activities));
  });
});
