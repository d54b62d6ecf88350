import * as assert from 'node:assert/strict';

import plugin from '../eslint-plugin/src/index';
import { run, shrink } from './fix-safety/programs';

/**
 * Fix safety, deterministically: a fixed set of generated programs (the same on every run), each
 * linted with every rule of `configs.all`; every fix and every suggestion is applied alone and its
 * output must parse (TypeScript outputs by TypeScript itself, with the grammar errors its checker
 * reports), every name the input declares must still resolve where it is used, and no global a fix
 * writes may resolve to a local. A longer run with a random seed is `npm run fuzz`.
 */
const SEED = 20_240_612;
const PROGRAMS = 500;

describe('fix safety', () => {
  it(`every fix and suggestion of ${PROGRAMS} generated programs keeps the code valid (seed ${SEED})`, function () {
    this.timeout(30 * 60_000);
    const totals = run(SEED, PROGRAMS);
    const failures = totals.failures.slice(0, 5).map(({ index, program, failure }) => {
      const small = shrink(program, failure);
      return `${failure.ruleId} ${failure.edit}: ${failure.kind} (${failure.detail.split('\n')[0]}) in program ${index} (${program.language}, ${program.origin}):\n${small.code}`;
    });
    assert.deepEqual(failures, [], `${totals.failures.length} broken outputs`);
    assert.equal(totals.programs, PROGRAMS);
    // The run meant something: every rule that fixes or suggests had edits checked.
    const editing = Object.entries(plugin.rules)
      .filter(([, rule]) => rule.meta?.fixable !== undefined || rule.meta?.hasSuggestions === true)
      .map(([name]) => `async-pitfalls/${name}`);
    for (const rule of editing) assert.ok((totals.editsByRule.get(rule) ?? 0) >= 10, `${rule}: ${totals.editsByRule.get(rule) ?? 0} edits checked`);
    assert.ok(totals.fixes + totals.suggestions >= PROGRAMS, `${totals.fixes} fixes and ${totals.suggestions} suggestions`);
    // The fixes that rewrite most (wrapping a body in try, a loop for forEach, a limiter, using) were checked too.
    for (const kind of ['fix', 'passErrorsToNext', 'wrapInTryCatch', 'useForOf', 'usePromiseAll', 'limitInline', 'limitWithPLimit', 'wrapInTryFinally']) {
      assert.ok((totals.editsByKind.get(kind) ?? 0) >= 5, `${kind}: ${totals.editsByKind.get(kind) ?? 0} checked`);
    }
  });
});
