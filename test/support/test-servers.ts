/** Where global setup leaves the servers it started, for global teardown. */
export const TEST_SERVERS = Symbol.for('campaign-engine.test-servers');
