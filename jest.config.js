/** Three tiers: pure unit specs, integration specs against real databases, end-to-end specs. */
const moduleNameMapper = {
  '^@spinout/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@spinout/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] };
const base = { rootDir: __dirname, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'], transform, moduleNameMapper };

module.exports = {
  // A generous limit per test (a global option in Jest 29): it bounds a hung test, it does not
  // measure speed — benchmarks do that.
  testTimeout: 90_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
