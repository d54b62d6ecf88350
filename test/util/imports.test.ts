import * as assert from 'node:assert/strict';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';

import { findBindingExpression, formatResolvedName, resolveName } from '../../eslint-plugin/src/util/imports';

type Probe = (sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression) => string;

/** Runs `probe` on the callee of every call named `probe(…)`'s argument: `probe(x)` asks about `x`. */
function ask(code: string, probe: Probe, sourceType: 'module' | 'script' = 'module'): string[] {
  const answers: string[] = [];
  const probeRule: TSESLint.RuleModule<never, []> = {
    defaultOptions: [],
    meta: { type: 'problem', messages: {}, schema: [] },
    create(context) {
      return {
        CallExpression(call) {
          if (call.callee.type === 'Identifier' && call.callee.name === 'probe') answers.push(probe(context.sourceCode, call));
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    {
      files: ['**/*.ts'],
      languageOptions: { parser, sourceType },
      plugins: { test: { rules: { probe: probeRule } } },
      rules: { 'test/probe': 'error' },
    } as unknown as Linter.Config,
    'file.ts',
  );
  assert.deepEqual(messages, []);
  return answers;
}

const resolved: Probe = (sourceCode, call) => {
  const name = resolveName(sourceCode, call.arguments[0]!);
  return name ? `${name.source ?? '(global)'} ${name.path.join('.')}`.trim() : 'unknown';
};

describe('resolveName', () => {
  it('resolves ES imports: named, aliased, default, namespace, node: prefix', () => {
    assert.deepEqual(
      ask(
        `import { readFileSync, writeFileSync as write } from 'node:fs';
import fs from 'fs';
import * as cp from 'node:child_process';
probe(readFileSync); probe(write); probe(fs.statSync); probe(cp.execSync); probe(fs);`,
        resolved,
      ),
      ['fs readFileSync', 'fs writeFileSync', 'fs statSync', 'child_process execSync', 'fs'],
    );
  });

  it('resolves require: the module, destructuring, member chains, require(x).y written in place', () => {
    assert.deepEqual(
      ask(
        `const fs = require('fs');
const { execSync: run, spawnSync } = require('node:child_process');
const { promises: { readFile } } = require('fs');
const gzip = require('zlib').gzipSync;
probe(fs.readFileSync); probe(run); probe(spawnSync); probe(readFile); probe(gzip); probe(require('fs').mkdirSync);`,
        resolved,
        'script',
      ),
      ['fs readFileSync', 'child_process execSync', 'child_process spawnSync', 'fs/promises readFile', 'zlib gzipSync', 'fs mkdirSync'],
    );
  });

  it('treats fs.promises and fs/promises as one module', () => {
    assert.deepEqual(
      ask(
        `import fs, { promises as fsp } from 'fs';
import * as promises from 'node:fs/promises';
probe(fs.promises.readFile); probe(fsp.readFile); probe(promises.readFile);`,
        resolved,
      ),
      ['fs/promises readFile', 'fs/promises readFile', 'fs/promises readFile'],
    );
  });

  it('resolves TypeScript import-equals, globals and globalThis', () => {
    assert.deepEqual(
      ask(
        `import fs = require('fs');
probe(fs.readFileSync); probe(Atomics.wait); probe(globalThis.Atomics.wait); probe(Deno.readTextFileSync);`,
        resolved,
      ),
      ['fs readFileSync', '(global) Atomics.wait', '(global) Atomics.wait', '(global) Deno.readTextFileSync'],
    );
  });

  it('does not resolve parameters, locals, reassigned bindings, type-only imports or a local require', () => {
    assert.deepEqual(
      ask(
        `import type * as typesOnly from 'fs';
import fs from 'fs';
let moved = require('fs');
moved = other;
function f(fs: typeof typesOnly) { probe(fs.readFileSync); }
function g(make: () => typeof typesOnly) { const fs = make(); probe(fs.readFileSync); }
function h(require: (name: string) => unknown) { probe(require('fs')); }
probe(moved.readFileSync); probe(fs[name]);`,
        resolved,
      ),
      ['unknown', 'unknown', 'unknown', 'unknown', 'unknown'],
    );
  });
});

describe('findBindingExpression', () => {
  const twinOfReadFile: Probe = (sourceCode, call) =>
    findBindingExpression(sourceCode, call, { source: 'fs/promises', path: ['readFile'] }) ?? 'none';

  it('finds the shortest binding in scope that reaches the export', () => {
    assert.deepEqual(
      ask(
        `import fs from 'node:fs';
import { readFile as read } from 'fs/promises';
probe();
function f(read: unknown) { probe(read); }`,
        twinOfReadFile,
      ),
      ['read', 'fs.promises.readFile'],
    );
  });

  it('finds none when nothing reaches it, or when the binding comes later', () => {
    assert.deepEqual(
      ask(
        `import { readFileSync } from 'fs';
function f() { probe(readFileSync); const fsp = require('fs').promises; return fsp; }`,
        twinOfReadFile,
      ),
      ['none'],
    );
    assert.equal(formatResolvedName({ source: 'fs/promises', path: ['readFile'] }), 'fs/promises.readFile');
  });
});
