import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import type { FunctionNode } from './functions';
import { isSynchronouslyInvoked, resolveLocalFunction } from './functions';
import type { ResolvedName } from './imports';
import { resolveName } from './imports';
import { someOwnNode } from './walk';
import { isNeverReassigned, variableOf } from './scope/variables';

/**
 * "Does this code do network or file I/O?" — by how the names it calls were imported, never by
 * what they are called. Used where the cost of a call matters (how many run at once).
 */

/** Modules whose every call reaches the network, the disk or another process. */
const IO_MODULES = new Set([
  // Node
  'child_process',
  'dgram',
  'dns',
  'dns/promises',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'tls',
  // HTTP clients
  'axios',
  'got',
  'ky',
  'node-fetch',
  'superagent',
  'undici',
  'cross-fetch',
  'isomorphic-fetch',
  // Database and cache clients
  'pg',
  'mysql',
  'mysql2',
  'mysql2/promise',
  'mongodb',
  'mongoose',
  'redis',
  'ioredis',
  '@prisma/client',
  'knex',
  'sequelize',
  'better-sqlite3',
  'sqlite3',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  'execa',
  'fs-extra',
]);

/** Global functions that do I/O. */
const IO_GLOBALS = new Set(['fetch']);

/** Names in I/O modules that do no I/O (pure helpers exported next to the I/O). */
const PURE_EXPORTS = new Set(['fs.constants', 'fs/promises.constants', 'http.STATUS_CODES', 'http.METHODS']);

function moduleOf(name: ResolvedName | undefined): string | undefined {
  return name?.source;
}

function isSyncFsName(name: ResolvedName): boolean {
  return (name.source === 'fs' || name.source === 'fs-extra') && /Sync$/.test(name.path[name.path.length - 1] ?? '');
}

export interface IoEvidence {
  /** True when this call does I/O: an I/O module's export, `fetch`, or a method of an I/O client. */
  isIoCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean;
  /** True when calling this value does I/O: `fetch`, an I/O export, or a local function that does (one hop). */
  callsIo(callee: TSESTree.Node): boolean;
  /** True when the function's own body (not functions nested in it) does I/O, following one hop into local functions. */
  functionDoesIo(fn: FunctionNode): boolean;
}

/** File system modules: their calls queue on libuv's thread pool, a few at a time, whatever the caller starts. */
const FILE_MODULES = new Set(['fs', 'fs/promises', 'fs-extra']);

/**
 * Database and cache clients: their queries often share one connection or transaction, where
 * running them at once gains nothing or breaks their order.
 */
const DATABASE_MODULES = new Set([
  'pg', 'mysql', 'mysql2', 'mysql2/promise', 'mongodb', 'mongoose', 'redis', 'ioredis', '@prisma/client', 'knex', 'sequelize',
  'better-sqlite3', 'sqlite3', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb',
]);

export interface IoEvidenceOptions {
  /** Count database and cache queries as I/O (default true). */
  databases?: boolean;
  /**
   * Count file system calls as I/O (default true). Off where what matters is how many operations
   * run at once or how long one waits: file calls are few-at-a-time and local by design.
   */
  files?: boolean;
}

export function createIoEvidence(sourceCode: Readonly<TSESLint.SourceCode>, options: IoEvidenceOptions = {}): IoEvidence {
  const cache = new WeakMap<FunctionNode, boolean>();
  const countsFiles = options.files ?? true;
  const countsDatabases = options.databases ?? true;
  const counts = (source: string): boolean =>
    IO_MODULES.has(source) && (countsFiles || !FILE_MODULES.has(source)) && (countsDatabases || !DATABASE_MODULES.has(source));

  function isIoName(name: ResolvedName | undefined): boolean {
    if (!name) return false;
    if (name.source === undefined) return name.path.length === 1 && IO_GLOBALS.has(name.path[0]!);
    if (!counts(name.source)) return false;
    if (PURE_EXPORTS.has(`${name.source}.${name.path.join('.')}`)) return false;
    // Blocking file calls are I/O too, but they do not run concurrently; no-blocking-in-async owns them.
    return !isSyncFsName(name);
  }

  /** The root identifier of a member chain (`db.users.find` → `db`). */
  function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
    let current = node;
    while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
    if (current.type === AST_NODE_TYPES.CallExpression) return rootIdentifier(current.callee);
    return current.type === AST_NODE_TYPES.Identifier ? current : undefined;
  }

  /**
   * A client made by an I/O module: `const pool = new Pool()` (pg), `const client = await
   * mongodb.MongoClient.connect(url)`, `const redis = createClient()`.
   */
  function isIoClient(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(sourceCode, identifier);
    if (!variable || variable.defs.length !== 1) return false;
    const definition = variable.defs[0]!;
    if (definition.type !== 'Variable' || !definition.node.init) return false;
    if (!isNeverReassigned(variable)) return false;
    let init: TSESTree.Node = definition.node.init;
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = init.argument;
    if (init.type !== AST_NODE_TYPES.NewExpression && init.type !== AST_NODE_TYPES.CallExpression) return false;
    const root = rootIdentifier(init.callee);
    const source = moduleOf(resolveName(sourceCode, root ?? init.callee)) ?? '';
    return root !== undefined && counts(source);
  }

  function isIoCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const callee = call.callee;
    if (isIoName(resolveName(sourceCode, callee))) return true;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const root = rootIdentifier(callee);
      if (!root) return false;
      const rootName = resolveName(sourceCode, root);
      if (rootName?.source !== undefined) return false; // an I/O export would have matched above
      return isIoClient(root);
    }
    return false;
  }

  /** Calls in the function's own body; nested functions run later or under someone else's control. */
  function ownCalls(fn: FunctionNode): (TSESTree.CallExpression | TSESTree.NewExpression)[] {
    const calls: (TSESTree.CallExpression | TSESTree.NewExpression)[] = [];
    someOwnNode(fn.body, node => {
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) calls.push(node);
      return false;
    }, isSynchronouslyInvoked);
    return calls;
  }

  const direct = new WeakMap<FunctionNode, boolean>();

  /** Whether the function's own calls do I/O, asked once per function however many places call it. */
  function doesIoDirectly(fn: FunctionNode): boolean {
    let known = direct.get(fn);
    if (known === undefined) {
      known = ownCalls(fn).some(isIoCall);
      direct.set(fn, known);
    }
    return known;
  }

  function functionDoesIo(fn: FunctionNode): boolean {
    let known = cache.get(fn);
    if (known === undefined) {
      known = ownCalls(fn).some(call => {
        if (isIoCall(call)) return true;
        const local = resolveLocalFunction(sourceCode, call.callee);
        return local !== undefined && local !== fn && doesIoDirectly(local);
      });
      cache.set(fn, known);
    }
    return known;
  }

  function callsIo(callee: TSESTree.Node): boolean {
    if (isIoName(resolveName(sourceCode, callee))) return true;
    const fn = resolveLocalFunction(sourceCode, callee);
    return fn !== undefined && functionDoesIo(fn);
  }

  return { isIoCall, callsIo, functionDoesIo };
}
