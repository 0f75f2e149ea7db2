/** Unit, medium and e2e tests; the browser check has its own config (jest.browser.config.js). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // github-slugger and friends are ESM-only: let swc turn them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(github-slugger)/)'],
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30000,
};
