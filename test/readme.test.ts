import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import { REPOSITORY_ROOT } from './examples-sections';

describe('README.md', () => {
  it('has the rules table generated from the current rules metadata', () => {
    const run = spawnSync(process.execPath, [path.join(REPOSITORY_ROOT, 'scripts', 'generate-docs.mjs'), '--check'], {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `${run.stderr}(the fix: npm run docs)`);
  });
});
