// The end-to-end tests start the whole local stack (with its own moto) in each test file.
// Handlers log retries as WARN; in test output that is noise (a test that wants the logs sets its own level).
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

module.exports = require('../../jest.preset.js').preset(__dirname, { testTimeout: 90_000 });
