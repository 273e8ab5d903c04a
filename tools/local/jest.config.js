// The end-to-end tests start the whole local stack (with its own moto) in each test file.
module.exports = require('../../jest.preset.js').preset(__dirname, { testTimeout: 90_000 });
