/** Browser check (Chromium via playwright-core): `npm run test:browser`. Needs Debian's /usr/bin/chromium. */
const base = require('./jest.config.js');

module.exports = {
  testEnvironment: base.testEnvironment,
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  roots: ['<rootDir>/test/browser'],
  testMatch: ['<rootDir>/test/browser/**/*.spec.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
