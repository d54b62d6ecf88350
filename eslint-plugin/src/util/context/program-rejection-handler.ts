import * as path from 'node:path';

import type { TSESLint } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../ast-utils';
import type { FunctionNode } from '../functions';
import { resolveLocalFunction } from '../functions';
import { resolveRelativeModule } from '../module-exports';
import { packageFilesGeneration, packageSourceFiles } from '../project/package-files';
import { nearestPackageManifest } from '../project/package-manifest';
import { sourceCodeOfFile } from '../source/disk-source-code';
import { moduleSpecifiers } from '../source/module-specifiers';
import { someOwnNode } from '../walk';
import { isOneShotPath } from './command-line';
import { callsProcessExit, processListenerCalls } from './process-calls';
import { isTestPath } from './test-code';

/**
 * Does the program log a lost rejection and keep running? A long-running program that installs
 * its own process-wide `unhandledRejection` listener which reports the error and neither exits nor
 * rethrows (`process.on('unhandledRejection', error => log(error))`) turns every promise nobody
 * handles into a line of its log: the rejection neither ends the process nor vanishes. What a
 * promise left floating there can still cost is its ordering, which the rules judge where it
 * floats.
 *
 * The program is the module that installs the listener and the modules it loads, followed
 * through relative imports and `require`s with a literal path: a package may hold several programs
 * (a server, its examples, an editor extension beside a command line), and a listener in one says
 * nothing of the others. A module loaded only by a computed path stays outside.
 *
 * Read once per package (the nearest `package.json`) from the package's source files that mention
 * the event, and again when the package's listing changes. A listener counts when it is installed
 * for good (the file never takes one away) outside the package's tests and one-shot code, and its
 * function is known: written in place, or a function or a constant of its file.
 */

interface Known {
  readonly generation: number;
  /** The files of the package's programs whose listener logs a lost rejection. */
  readonly files: ReadonlySet<string>;
}

const known = new Map<string, Known>();

export function programLogsLostRejections(filename: string): boolean {
  if (!path.isAbsolute(filename)) return false;
  const manifest = nearestPackageManifest(filename);
  if (!manifest) return false;
  const files = packageSourceFiles(manifest.dir);
  const generation = packageFilesGeneration();
  let cached = known.get(manifest.dir);
  if (cached?.generation !== generation) {
    const installers: string[] = [];
    for (const file of files ?? []) {
      if (!file.text.includes('unhandledRejection') || file.text.startsWith('#!')) continue;
      const relative = path.relative(manifest.dir, file.path).split(path.sep).join('/');
      if (isTestPath(relative) || isOneShotPath(relative)) continue;
      const sourceCode = sourceCodeOfFile(file.path);
      if (sourceCode && installsLoggingListener(sourceCode)) installers.push(file.path);
    }
    cached = { generation, files: modulesLoadedFrom(installers, manifest.dir) };
    known.set(manifest.dir, cached);
  }
  return cached.files.has(path.normalize(filename));
}

/** The modules `entries` load, themselves included, through relative specifiers, within the package folder `dir`. */
function modulesLoadedFrom(entries: readonly string[], dir: string): ReadonlySet<string> {
  const loaded = new Set(entries.map(entry => path.normalize(entry)));
  const pending = [...loaded];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const sourceCode = sourceCodeOfFile(file);
    if (!sourceCode) continue;
    for (const use of moduleSpecifiers(sourceCode.ast).uses) {
      const target = resolveRelativeModule(file, use.value);
      if (target === undefined || loaded.has(target) || path.relative(dir, target).startsWith('..')) continue;
      loaded.add(target);
      pending.push(target);
    }
  }
  return loaded;
}

/** The file installs, for good, an `unhandledRejection` listener that logs and keeps running. */
function installsLoggingListener(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const { added, removedEvents } = processListenerCalls(sourceCode);
  if (removedEvents.has('unhandledRejection')) return false;
  return added.some(({ call, event }) => {
    if (event !== 'unhandledRejection') return false;
    // Written in place, or a function or constant of the file (not `this.handler`, whose value may change).
    const argument = call.arguments[1];
    const listener = argument && argument.type !== AST_NODE_TYPES.MemberExpression ? resolveLocalFunction(sourceCode, argument) : undefined;
    return listener !== undefined && keepsRunning(sourceCode, listener);
  });
}

/** A listener that neither exits nor throws: the process goes on after it. */
function keepsRunning(sourceCode: Readonly<TSESLint.SourceCode>, listener: FunctionNode): boolean {
  return !callsProcessExit(sourceCode, listener.body) && !someOwnNode(listener.body, node => node.type === AST_NODE_TYPES.ThrowStatement, () => true);
}
