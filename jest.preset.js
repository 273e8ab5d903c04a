// Shared Jest settings: every package runs its TypeScript sources through SWC (no build step).
const path = require('node:path');

// Lambda runs Node 22; silence the AWS SDK's notice about older local Node versions in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** @param {string} dir package directory  @param {{ moto?: boolean, testTimeout?: number }} [options] */
exports.preset = (dir, options = {}) => ({
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: options.testTimeout ?? 30_000,
  ...(options.moto
    ? {
        globalSetup: path.join(__dirname, 'packages/testing/src/jest-global-setup.ts'),
        globalTeardown: path.join(__dirname, 'packages/testing/src/jest-global-teardown.ts'),
      }
    : {}),
});
