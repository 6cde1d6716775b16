/** Three tiers: pure unit specs, integration specs against real databases, end-to-end specs. */
const nestCli = require('./nest-cli.json');

const moduleNameMapper = {
  '^@spinout/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@spinout/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const transform = { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] };
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform,
  moduleNameMapper,
};

// End-to-end specs read the app's OpenAPI document: their DTOs and controllers are compiled with
// the @nestjs/swagger plugin and the options `nest build` uses (see the transformer for why not
// through ts-jest's own astTransformers).
const swaggerPlugin = nestCli.compilerOptions.plugins.find((plugin) => plugin.name === '@nestjs/swagger');
const e2eTransform = {
  '^.+\\.ts$': [
    '<rootDir>/test/support/swagger-plugin.transformer.js',
    { isolatedModules: true, pluginOptions: swaggerPlugin.options },
  ],
};

module.exports = {
  // A generous limit per test (a global option in Jest 29): it bounds a hung test, it does not
  // measure speed — benchmarks do that.
  testTimeout: 90_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], transform: e2eTransform },
  ],
};
