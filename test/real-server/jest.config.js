/**
 * `npm run test:real-server`: integration specs against the real Temporal server built from the
 * Go module proxy (libs/devstack/src/temporal-server-build.ts; minutes the first time, then cached
 * in .tools/). Not part of `npm test`.
 */
const path = require('node:path');
const base = require('../../jest.config.js');

const rootDir = path.join(__dirname, '..', '..');
const integration = base.projects.find((project) => project.displayName === 'integration');

module.exports = {
  rootDir,
  testTimeout: 300_000,
  maxWorkers: 1,
  reporters: base.reporters,
  projects: [
    {
      ...integration,
      rootDir,
      displayName: 'real-server',
      testMatch: ['<rootDir>/test/real-server/**/*.real-spec.ts'],
    },
  ],
};
