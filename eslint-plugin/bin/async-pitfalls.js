#!/usr/bin/env node
'use strict';

// Exit 2 on an internal error, as ESLint does, so that a crash is never mistaken for findings (1).
// The package is CommonJS: the bin loads the compiled entry with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../dist/cli.js')
  .main(process.argv.slice(2))
  .then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stderr.write(`async-pitfalls: internal error: ${error && error.stack ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
