#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx (no build step), from any working directory.
'use strict';
require('tsx/cjs');
require('../src/bundle/main.ts')
  .main()
  .catch((err) => {
    console.error(`bank-plugins: ${err && err.message ? err.message : err}`);
    process.exitCode = 1;
  });
