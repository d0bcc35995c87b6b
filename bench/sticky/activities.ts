/** The sticky-queue benchmark's one activity: a notification delivery that takes a few milliseconds. */
export const benchActivities = {
  async deliver(_audience: string): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 5));
  },
};
export type BenchActivities = typeof benchActivities;
