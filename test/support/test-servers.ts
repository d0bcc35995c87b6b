/** Where global setup leaves the servers it started, for global teardown. */
export const TEST_SERVERS = Symbol.for('campaign-engine.test-servers');

/** The first admin every fresh test database gets (ADMIN_PASSWORD is set by global setup). */
export const TEST_ADMIN = { username: 'admin', password: 'test-admin-password' };
