import * as path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../ast-utils';
import type { FunctionNode } from '../functions';
import {
  classDeclaresGetter,
  enclosingMethod,
  isFunctionNode,
  readMemberName,
  resolveAssignedFunction,
  resolveCommonJsExportFunction,
  resolveLocalFunction,
  resolveLocalInstanceMethod,
  resolveThisMethod,
} from '../functions';
import { resolveName, skipTypeWrappers, staticPropertyName } from '../imports';
import { isNeverReassigned, variableOf } from '../scope/variables';
import { createNonThrowingCalls } from './non-throwing-calls';
import { someOwnNode } from '../walk';
import { getFileDeclarations } from '../declarations';
import { nodeAt, sourceCodeOfFile } from '../source/disk-source-code';

/**
 * "Can this promise reject?" — asked before reporting a promise nobody handles: a promise that
 * cannot reject loses nothing when it floats (logging, cache warming, a loop that catches every
 * error). Decided from the code, conservatively: yes unless every way to fail is handled.
 *
 * A function's promise cannot reject when everything that can throw or reject in its body runs
 * inside a `try` whose `catch` handles the error (does not rethrow), what runs outside such a `try`
 * cannot fail (assignments, reads, settling an enclosing promise, the calls `non-throwing-calls`
 * knows: timers, logging, a collection made here, registering a listener), every `await`
 * outside one awaits a promise that cannot reject, and nothing returned is a promise that can.
 * Calls to functions of the same file (methods of the same class, methods of a constant instance of
 * a class of the file, functions assigned once to a property of a function or constant of the file)
 * are followed a few levels; a function of another module (imported, required, or a method of a
 * class another module declares) one module away, with that file's own facts. Calling the
 * callback the caller passed last (its acknowledgement) hands the outcome back and is taken not
 * to throw, and what it gives back, returned, is the caller's business.
 */
export interface RejectionFacts {
  /** True when calling `fn` gives a promise that cannot reject (and, for an async function, never throws). */
  cannotReject(fn: FunctionNode): boolean;
  /** True when the promise this expression evaluates to cannot reject. */
  promiseCannotReject(node: TSESTree.Node): boolean;
  /**
   * True when the promise cannot reject because code catches its failures (a `try`/`catch`, a
   * `.catch()`, `Promise.allSettled`, in it or in the functions it calls): what "cannot reject"
   * means for a promise left floating on purpose. `Promise.resolve()` is not such a promise.
   */
  failuresAreCaught(node: TSESTree.Node): boolean;
  /**
   * True when the promise only marks time: a timer of `node:timers/promises`, or a function of the
   * file that returns `new Promise(resolve => setTimeout(resolve, ms))`. Left floating, it never
   * delays anything, which is always a mistake: nobody starts a pause so as not to wait for it.
   */
  onlyWaits(node: TSESTree.Node): boolean;
  /**
   * True when the call hands back a promise that existed before it, held by an object: every
   * `return` of the function called gives a property of `this` (or of a constant bound to it) or
   * of a parameter (`return this.ready`, `return command.promise`). Floating such a call makes no
   * new promise; whoever created the one returned, and handed it out, answers for its rejection.
   */
  handsBackHeldPromise(node: TSESTree.Node): boolean;
  /** True when every `return` of the (non-async) function gives such a held promise. */
  returnsHeldPromise(fn: FunctionNode): boolean;
  /**
   * True when the call is of an async function (of this file, or of another module as
   * `cannotReject` follows them) whose own body awaits nothing and returns no value: all its work
   * is done when the call returns, so nothing races ahead of the caller, and its promise can only
   * reject with an error its body threw. Promises it floats itself are its own business.
   */
  completesWhenCalled(node: TSESTree.Node): boolean;
  /**
   * True when the value (one a function returns) is no promise that can reject, whatever its
   * evaluation may throw: a plain value, an awaited one, a name not bound to a call's promise, or a
   * call that gives a plain value (a timer's handle, a logger's line, the caller's own callback)
   * or a promise that cannot reject. An unknown call's value may be a promise.
   */
  givesNoRejectingPromise(node: TSESTree.Node): boolean;
  /** True when running the body of the plain function `fn` cannot throw. */
  bodyCannotThrow(fn: FunctionNode): boolean;
  /** True when every call of `fn` gives a promise that only marks time (see `onlyWaits`). */
  functionOnlyWaits(fn: FunctionNode): boolean;
  /** True when `fn`'s promise cannot reject because code catches its failures (see `failuresAreCaught`). */
  catchesFailures(fn: FunctionNode): boolean;
}

/**
 * An answer about a function read by following a call: for a "may fail" that came from a chain
 * cut short (too deep, or a cycle), how many functions were being read when it was cut; asked
 * again from fewer, the function is read again.
 */
interface FollowedAnswer {
  answer: boolean;
  cutAtDepth?: number;
}

/** How deep calls to functions of the file are followed. */
const MAX_CALL_DEPTH = 4;


/** Constructors of the platform that do not throw for ordinary arguments. */
const SAFE_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Date', 'Error', 'TypeError', 'RangeError', 'AbortController', 'Array', 'Object']);


/** Timer promises of `node:timers/promises`: they resolve, and reject only when aborted through a signal. */
const TIMER_PROMISES = new Set(['setTimeout', 'setImmediate', 'scheduler.wait', 'scheduler.yield']);

/**
 * Where a statement runs: `open` — its failure rejects the function's promise; `guarded` — in a
 * `try` block whose `catch` handles everything, so throwing and rejecting are caught (but a
 * promise returned without `await` still escapes); `handler` — in a `catch` that handles the
 * error: what it calls is taken not to throw (it reports, emits or settles), but a `throw` or an
 * `await` that can reject still escapes.
 */
type Mode = 'open' | 'guarded' | 'handler';

const facts = new WeakMap<object, RejectionFacts>();

/**
 * The facts of one file, shared by every rule linting it. Keyed by the file's syntax tree: oxlint
 * hands every file the same SourceCode object. Given the linted file's path, calls to functions
 * that relative modules export (imported, required, or a method of a receiver whose class another
 * module declares) are followed one module away, read from disk with their own facts; the facts
 * of a file read from disk follow nothing further, so an answer never depends on a file two
 * modules away that may have changed since.
 */
export function getRejectionFacts(sourceCode: Readonly<TSESLint.SourceCode>, filename?: string): RejectionFacts {
  let known = facts.get(sourceCode.ast);
  if (!known) {
    known = createRejectionFacts(sourceCode, filename !== undefined && path.isAbsolute(filename) ? filename : undefined);
    facts.set(sourceCode.ast, known);
  }
  return known;
}

function createRejectionFacts(sourceCode: Readonly<TSESLint.SourceCode>, filename: string | undefined): RejectionFacts {
  /** Per function: whether it cannot reject, and whether that is because it catches a failure. */
  const answers = new WeakMap<FunctionNode, FollowedAnswer & { handles: boolean }>();
  /** How many times a call chain was cut short; an answer read while it grew depended on where it was asked from. */
  let cuts = 0;
  /** Per plain function: whether running its body cannot throw. */
  const throwFree = new WeakMap<FunctionNode, FollowedAnswer>();
  const inProgress: FunctionNode[] = [];
  /** True while the body being read is a `new Promise` executor's, whose return value nobody reads. */
  let returnValueIgnored = false;
  /**
   * Whether the function being read handles a failure somewhere (a `try` with a `catch`, a
   * `.catch()`, `Promise.allSettled`, or a call to a function that does). A promise counts as one
   * that cannot reject only with such evidence: code that merely awaits `Promise.resolve()` is
   * a placeholder, not a decision to catch everything.
   */
  let handlingSeen = false;
  const nonThrowingCalls = createNonThrowingCalls(sourceCode);
  /**
   * While a function is read for one call of it: the parameters that call leaves unset, each with
   * the argument it passes (undefined when absent). A test of such a flag is false for the call:
   * `if (throwError) throw error` with `throwError = false` not passed, or `if (opts.throwError)
   * return p` when the call passes no options. Answers read meanwhile are not kept.
   */
  let unsetParameters: ReadonlyMap<TSESLint.Scope.Variable, TSESTree.Node | undefined> | undefined;

  /** The function a callee refers to: a local function, `this.method` of the enclosing class, a CommonJS export of the file. */
  function calledFunction(callee: TSESTree.Node): FunctionNode | undefined {
    const node = skipTypeWrappers(callee);
    if (isFunctionNode(node)) return node;
    const local =
      resolveLocalFunction(sourceCode, node) ??
      resolveLocalInstanceMethod(sourceCode, node) ??
      resolveAssignedFunction(sourceCode, node) ??
      resolveCommonJsExportFunction(sourceCode, node);
    if (local) return local;
    return node.type === AST_NODE_TYPES.MemberExpression ? resolveThisMethod(node, false) : undefined;
  }

  const foreignFunctions = new WeakMap<TSESTree.Node, { fn: FunctionNode; facts: RejectionFacts } | null>();

  /**
   * The function of another module that `callee` names, with the facts of that module's file:
   * `import { check } from './update'`, `const { check } = require('./update')`, `update.check`
   * on a namespace, or `stack.leave` where `stack`'s class is declared in another module.
   */
  function foreignFunction(callee: TSESTree.Node): { fn: FunctionNode; facts: RejectionFacts } | undefined {
    if (filename === undefined) return undefined;
    let known = foreignFunctions.get(callee);
    if (known === undefined) {
      known = null;
      const declarations = getFileDeclarations(sourceCode, filename);
      const target = declarations.functionReference(callee) ?? declarations.methodReference(callee);
      const file = target && target.owner !== declarations ? target.owner.filename : undefined;
      const foreign = file === undefined || file === filename ? undefined : sourceCodeOfFile(file);
      const fn = foreign && target ? nodeAt(foreign, target.fn.range, target.fn.type) : undefined;
      if (foreign && fn && isFunctionNode(fn)) known = { fn, facts: getRejectionFacts(foreign) };
      foreignFunctions.set(callee, known);
    }
    return known ?? undefined;
  }

  /** True when the function of another module cannot reject; noted as handling when it catches. */
  function foreignCannotReject(foreign: { fn: FunctionNode; facts: RejectionFacts }): boolean {
    if (!foreign.facts.cannotReject(foreign.fn)) return false;
    if (foreign.facts.catchesFailures(foreign.fn)) handlingSeen = true;
    return true;
  }

  /** True when `identifier` is the resolve or reject parameter of an enclosing `new Promise` executor. */
  function isSettleFunction(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(sourceCode, identifier);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type !== 'Parameter') return false;
    const executor = definition.node;
    if (!isFunctionNode(executor)) return false;
    const owner = executor.parent;
    return (
      owner?.type === AST_NODE_TYPES.NewExpression &&
      owner.arguments[0] === executor &&
      owner.callee.type === AST_NODE_TYPES.Identifier &&
      owner.callee.name === 'Promise'
    );
  }

  /**
   * True when `identifier` is the last parameter of a function being read, the callback its caller
   * passed to be told the outcome (socket.io's acknowledgement, a Node-style `done`): calling it
   * hands the result back, like settling a promise, and what it does is the caller's business.
   */
  function isOwnContinuation(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(sourceCode, identifier);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type !== 'Parameter' || !isFunctionNode(definition.node)) return false;
    const fn = definition.node;
    return fn.params[fn.params.length - 1] === definition.name && inProgress.includes(fn) && isNeverReassigned(variable!);
  }

  function globalPath(callee: TSESTree.Node): string | undefined {
    const name = resolveName(sourceCode, callee);
    return name && name.source === undefined ? name.path.join('.') : undefined;
  }

  /** True when evaluating the call cannot throw (its returned promise, if any, is another matter). */
  function callCannotThrow(call: TSESTree.CallExpression | TSESTree.NewExpression, mode: Mode): boolean {
    if (!call.arguments.every(argument => expressionCannotFail(argument, mode))) return false;
    if (mode !== 'open') return true;
    const callee = skipTypeWrappers(call.callee);
    if (call.type === AST_NODE_TYPES.NewExpression) {
      const path = globalPath(callee);
      return path !== undefined && (SAFE_CONSTRUCTORS.has(path) || path === 'Promise');
    }
    if (callee.type === AST_NODE_TYPES.Identifier && (isSettleFunction(callee) || isOwnContinuation(callee))) return true;
    if (call.type === AST_NODE_TYPES.CallExpression && nonThrowingCalls.neverThrows(call)) return true;
    // Calling an async function never throws: a failure rejects its promise, which is that
    // promise's business (and reported where it floats), not the caller's. A plain function of
    // the file throws only when something in its body can.
    const fn = calledFunction(callee);
    if (fn === undefined) {
      const foreign = foreignFunction(callee);
      if (!foreign || foreign.fn.generator) return false;
      return foreign.fn.async || foreign.facts.bodyCannotThrow(foreign.fn);
    }
    if (fn.generator) return false;
    return fn.async || bodyCannotThrow(fn);
  }

  /**
   * True when running the body of a plain function cannot throw (what it returns is asked apart,
   * by `promiseCannotReject`). Followed as deep as `cannotReject` follows calls, and answered once
   * per function unless a chain was cut short.
   */
  function bodyCannotThrow(fn: FunctionNode): boolean {
    const known = throwFree.get(fn);
    if (known !== undefined && isReusable(known)) return known.answer;
    const followed = followCall(fn, () => {
      const outer = returnValueIgnored;
      returnValueIgnored = true;
      try {
        return fn.body.type === AST_NODE_TYPES.BlockStatement ? statementsCannotFail(fn.body.body, 'open') : expressionCannotFail(fn.body, 'open');
      } finally {
        returnValueIgnored = outer;
      }
    });
    if (followed.cutAtDepth !== -1 && unsetParameters === undefined) throwFree.set(fn, followed);
    return followed.answer;
  }

  /** True when an answer can be given again here: it was not cut short, or it was cut at this depth or a shallower one. */
  function isReusable(known: FollowedAnswer): boolean {
    return known.cutAtDepth === undefined || known.cutAtDepth <= inProgress.length;
  }

  /**
   * Reads `fn` with `read` as one more call in the chain being followed. A function calling itself
   * fails only if something else in it fails (it is being read now): true, not to be kept
   * (`cutAtDepth` -1). A longer cycle, or a chain too deep to follow, may fail: false, counted as
   * a cut. Otherwise the answer of `read`, with the depth it was read at when a cut made it false.
   */
  function followCall(fn: FunctionNode, read: () => boolean): FollowedAnswer {
    if (inProgress[inProgress.length - 1] === fn) return { answer: true, cutAtDepth: -1 };
    if (inProgress.includes(fn) || inProgress.length >= MAX_CALL_DEPTH) {
      cuts += 1;
      return { answer: false, cutAtDepth: -1 };
    }
    const depth = inProgress.length;
    const cutsBefore = cuts;
    inProgress.push(fn);
    let answer: boolean;
    try {
      answer = read();
    } finally {
      inProgress.pop();
    }
    return { answer, cutAtDepth: !answer && cuts !== cutsBefore ? depth : undefined };
  }

  /** True when evaluating `node` in `mode` can neither throw nor reject the enclosing function's promise. */
  function expressionCannotFail(node: TSESTree.Node, mode: Mode): boolean {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.ThisExpression:
      case AST_NODE_TYPES.Super:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.MetaProperty:
        return true;
      case AST_NODE_TYPES.TemplateLiteral:
        return node.expressions.every(expression => expressionCannotFail(expression, mode));
      case AST_NODE_TYPES.ArrayExpression:
        return node.elements.every(element => element === null || expressionCannotFail(element, mode));
      case AST_NODE_TYPES.ObjectExpression:
        return node.properties.every(property =>
          property.type === AST_NODE_TYPES.SpreadElement
            ? expressionCannotFail(property.argument, mode)
            : (!property.computed || expressionCannotFail(property.key, mode)) && expressionCannotFail(property.value, mode),
        );
      case AST_NODE_TYPES.SpreadElement:
        return expressionCannotFail(node.argument, mode);
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.UpdateExpression:
        return expressionCannotFail(node.argument, mode);
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        return expressionCannotFail(node.left, mode) && expressionCannotFail(node.right, mode);
      case AST_NODE_TYPES.ConditionalExpression:
        return [node.test, node.consequent, node.alternate].every(part => expressionCannotFail(part, mode));
      case AST_NODE_TYPES.SequenceExpression:
        return node.expressions.every(expression => expressionCannotFail(expression, mode));
      case AST_NODE_TYPES.AssignmentExpression:
        return expressionCannotFail(node.left, mode) && expressionCannotFail(node.right, mode);
      case AST_NODE_TYPES.MemberExpression:
        // Reading a property is taken not to throw (a null receiver is a different bug).
        return expressionCannotFail(node.object, mode) && (!node.computed || expressionCannotFail(node.property, mode));
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        return expressionCannotFail(node.expression, mode);
      case AST_NODE_TYPES.AwaitExpression:
        return mode === 'guarded' || promiseCannotReject(node.argument);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        return mode === 'guarded' || callCannotThrow(node, mode);
      default:
        // Patterns (assignment targets) hold no calls worth fearing; anything else may fail.
        return node.type === AST_NODE_TYPES.ObjectPattern || node.type === AST_NODE_TYPES.ArrayPattern;
    }
  }

  /** True when a value returned from the function is not a promise that can reject. */
  function returnedValueCannotReject(argument: TSESTree.Node, mode: Mode): boolean {
    const value = skipTypeWrappers(argument);
    if (value.type === AST_NODE_TYPES.AwaitExpression) return mode === 'guarded' || promiseCannotReject(value.argument);
    if (value.type === AST_NODE_TYPES.Identifier) return !mayHoldPromise(value);
    if (value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.NewExpression) {
      // `return done(result)`: what the caller's own callback gives back is the caller's
      // business, as calling it is (see `isOwnContinuation`).
      const callee = skipTypeWrappers(value.callee);
      if (value.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.Identifier && isOwnContinuation(callee)) {
        return value.arguments.every(argument => expressionCannotFail(argument, mode));
      }
      // `() => setImmediate(work)`: a timer's handle, no promise.
      if (value.type === AST_NODE_TYPES.CallExpression && nonThrowingCalls.givesPlainValue(value)) return expressionCannotFail(value, mode);
      // A call may return a promise, which escapes any `try` around the `return`.
      return promiseCannotReject(value) && (mode === 'guarded' || expressionCannotFail(value, mode));
    }
    return expressionCannotFail(value, mode);
  }

  function givesNoRejectingPromise(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    switch (value.type) {
      case AST_NODE_TYPES.Identifier:
        return !mayHoldPromise(value);
      case AST_NODE_TYPES.ConditionalExpression:
        return givesNoRejectingPromise(value.consequent) && givesNoRejectingPromise(value.alternate);
      case AST_NODE_TYPES.LogicalExpression:
        return givesNoRejectingPromise(value.left) && givesNoRejectingPromise(value.right);
      case AST_NODE_TYPES.SequenceExpression:
        return givesNoRejectingPromise(value.expressions[value.expressions.length - 1]!);
      case AST_NODE_TYPES.AssignmentExpression:
        return givesNoRejectingPromise(value.right);
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipTypeWrappers(value.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && isOwnContinuation(callee)) return true;
        return nonThrowingCalls.givesPlainValue(value) || promiseCannotReject(value);
      }
      case AST_NODE_TYPES.NewExpression:
        return promiseCannotReject(value);
      default:
        return true;
    }
  }

  /** A name bound to a call's value that was not awaited: it may hold a promise. */
  function mayHoldPromise(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(sourceCode, identifier);
    if (!variable) return false;
    return variable.defs.some(definition => {
      if (definition.type !== 'Variable' || !definition.node.init) return false;
      const init = skipTypeWrappers(definition.node.init);
      return (init.type === AST_NODE_TYPES.CallExpression || init.type === AST_NODE_TYPES.NewExpression) && !promiseCannotReject(init);
    });
  }

  function statementsCannotFail(statements: readonly TSESTree.Node[], mode: Mode): boolean {
    return statements.every(statement => statementCannotFail(statement, mode));
  }

  function statementCannotFail(statement: TSESTree.Node, mode: Mode): boolean {
    switch (statement.type) {
      case AST_NODE_TYPES.EmptyStatement:
      case AST_NODE_TYPES.BreakStatement:
      case AST_NODE_TYPES.ContinueStatement:
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
      case AST_NODE_TYPES.TSInterfaceDeclaration:
        return true;
      case AST_NODE_TYPES.ExpressionStatement:
        return expressionCannotFail(statement.expression, mode);
      case AST_NODE_TYPES.VariableDeclaration:
        return (
          statement.kind !== 'await using' &&
          statement.declarations.every(declarator => declarator.init === null || expressionCannotFail(declarator.init, mode))
        );
      case AST_NODE_TYPES.ReturnStatement:
        if (statement.argument === null) return true;
        // An executor's return value is thrown away; only evaluating it can fail.
        return returnValueIgnored ? expressionCannotFail(statement.argument, mode) : returnedValueCannotReject(statement.argument, mode);
      case AST_NODE_TYPES.BlockStatement:
        return statementsCannotFail(statement.body, mode);
      case AST_NODE_TYPES.LabeledStatement:
        return statementCannotFail(statement.body, mode);
      case AST_NODE_TYPES.IfStatement:
        // A branch the call being read never takes.
        if (isUnsetTest(statement.test)) return statement.alternate === null || statementCannotFail(statement.alternate, mode);
        return (
          expressionCannotFail(statement.test, mode) &&
          statementCannotFail(statement.consequent, mode) &&
          (statement.alternate === null || statementCannotFail(statement.alternate, mode))
        );
      case AST_NODE_TYPES.SwitchStatement:
        return (
          expressionCannotFail(statement.discriminant, mode) &&
          statement.cases.every(
            switchCase => (switchCase.test === null || expressionCannotFail(switchCase.test, mode)) && statementsCannotFail(switchCase.consequent, mode),
          )
        );
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
        return expressionCannotFail(statement.test, mode) && statementCannotFail(statement.body, mode);
      case AST_NODE_TYPES.ForStatement:
        return (
          (statement.init === null || statementOrExpressionCannotFail(statement.init, mode)) &&
          (statement.test === null || expressionCannotFail(statement.test, mode)) &&
          (statement.update === null || expressionCannotFail(statement.update, mode)) &&
          statementCannotFail(statement.body, mode)
        );
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
        if (statement.type === AST_NODE_TYPES.ForOfStatement && statement.await && mode !== 'guarded') return false;
        return expressionCannotFail(statement.right, mode) && statementCannotFail(statement.body, mode);
      case AST_NODE_TYPES.TryStatement: {
        const handled = statement.handler !== null;
        if (handled) handlingSeen = true;
        return (
          statementCannotFail(statement.block, handled ? 'guarded' : mode) &&
          (statement.handler === null || statementCannotFail(statement.handler.body, mode === 'guarded' ? 'guarded' : 'handler')) &&
          (statement.finalizer === null || statementCannotFail(statement.finalizer, mode === 'guarded' ? 'guarded' : 'handler'))
        );
      }
      case AST_NODE_TYPES.ThrowStatement:
        return mode === 'guarded';
      default:
        return false;
    }
  }

  function statementOrExpressionCannotFail(node: TSESTree.Node, mode: Mode): boolean {
    return node.type === AST_NODE_TYPES.VariableDeclaration ? statementCannotFail(node, mode) : expressionCannotFail(node, mode);
  }

  function cannotReject(fn: FunctionNode): boolean {
    const known = answers.get(fn);
    if (known !== undefined && isReusable(known)) {
      if (known.handles) handlingSeen = true;
      return known.answer;
    }
    const outerHandling = handlingSeen;
    let handles = false;
    const followed = followCall(fn, () => {
      const outer = returnValueIgnored;
      returnValueIgnored = false;
      handlingSeen = false;
      try {
        const answer = evaluate(fn);
        handles = answer && handlingSeen;
        return answer;
      } finally {
        returnValueIgnored = outer;
      }
    });
    // A caller that reaches a function which handles its failures handles them too.
    handlingSeen = outerHandling || handles;
    if (followed.cutAtDepth !== -1 && unsetParameters === undefined) answers.set(fn, { ...followed, handles });
    return followed.answer;
  }

  function evaluate(fn: FunctionNode): boolean {
    if (fn.generator) return false;
    if (fn.async) {
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return returnedValueCannotReject(fn.body, 'open') && handlingSeen;
      return statementsCannotFail(fn.body.body, 'open') && handlingSeen;
    }
    // A plain function's throw is no rejection: it hands back no promise at all, and its caller
    // sees the error where it calls. Only the promises it returns count, as for a block body.
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return returnedPromisesCannotReject([fn.body]);
    return syncFunctionReturnsSafePromise(fn.body);
  }

  /** A plain function returning a promise: every `return` gives one that cannot reject. */
  function syncFunctionReturnsSafePromise(body: TSESTree.BlockStatement): boolean {
    const returns: TSESTree.ReturnStatement[] = [];
    someOwnNode(body, node => {
      if (node.type === AST_NODE_TYPES.ReturnStatement) returns.push(node);
      return false;
    });
    // A `return` in a branch the call being read never takes gives nothing.
    const live = unsetParameters === undefined ? returns : returns.filter(statement => !inUnsetBranch(statement, body));
    const values = live.flatMap(statement => (statement.argument === null ? [] : [statement.argument]));
    if (values.length > 0 && body.body.length > live.length && values.every(isResolvedPromise)) return noteHandling(true);
    return returnedPromisesCannotReject(values);
  }

  /**
   * `Promise.resolve()` or `Promise.resolve(value)` of a plain value, returned by a plain function
   * that does its work first: the function fits a promise-returning interface (a cacher's
   * `clean()`: entries deleted, then `return this.broker.Promise.resolve()`) and has decided its
   * outcome when it returns. A function that only returns one is a placeholder, not evidence.
   */
  function isResolvedPromise(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const callee = skipTypeWrappers(value.callee);
    if (promiseStaticMethod(callee, resolveName(sourceCode, callee)) !== 'resolve') return false;
    return value.arguments.length === 0 || (value.arguments.length === 1 && isPlainValue(value.arguments[0]!));
  }

  /**
   * True when none of the values a plain function returns is a promise that may reject. No value
   * that may be a promise: it returns none at all. A returned promise counts only when a failure
   * is caught somewhere (`Promise.resolve(x)` alone is a placeholder).
   */
  function returnedPromisesCannotReject(values: readonly TSESTree.Node[]): boolean {
    const promises = values.filter(value => !isPlainValue(value));
    if (!promises.every(value => promiseCannotReject(value))) return false;
    return promises.length === 0 || handlingSeen;
  }

  /** A value that is certainly not a promise: a literal, an object or array literal, a function. */
  function isPlainValue(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    return (
      value.type === AST_NODE_TYPES.Literal ||
      value.type === AST_NODE_TYPES.TemplateLiteral ||
      value.type === AST_NODE_TYPES.ObjectExpression ||
      value.type === AST_NODE_TYPES.ArrayExpression ||
      isFunctionNode(value)
    );
  }

  /** `new Promise(executor)` whose executor never rejects: it ignores `reject` and cannot throw. */
  function executorCannotReject(executor: TSESTree.Node): boolean {
    if (!isFunctionNode(executor) || executor.async || executor.generator) return false;
    const reject = executor.params[1];
    if (reject) {
      if (reject.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, reject);
      if (!variable || variable.references.length > 0) return false;
    }
    if (executor.body.type !== AST_NODE_TYPES.BlockStatement) {
      return expressionCannotFail(executor.body, 'open') && noteDeferredResolve(executor);
    }
    const outer = returnValueIgnored;
    returnValueIgnored = true;
    try {
      return statementsCannotFail(executor.body.body, 'open') && noteDeferredResolve(executor);
    } finally {
      returnValueIgnored = outer;
    }
  }

  /**
   * Always true, as a promise that cannot reject is one; notes handling when the executor resolves
   * later, handing `resolve` to a timer or a listener or calling it from a function it makes: a
   * promise built to wait for something and never fail is a decision, as a `catch` is. One that
   * resolves at once, `new Promise(resolve => resolve())`, is a placeholder.
   */
  function noteDeferredResolve(executor: FunctionNode): boolean {
    const resolve = executor.params[0];
    const variable = resolve?.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, resolve) : undefined;
    const deferred = variable?.references.some(reference => {
      const parent = reference.identifier.parent;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.some(argument => argument === reference.identifier)) return true;
      return reference.from.variableScope.block !== executor;
    });
    if (deferred) handlingSeen = true;
    return true;
  }

  function promiseCannotReject(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    switch (value.type) {
      case AST_NODE_TYPES.Literal:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ObjectExpression:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        // Not a promise at all: awaiting it gives the value back.
        return expressionCannotFail(value, 'open');
      case AST_NODE_TYPES.NewExpression: {
        const path = globalPath(value.callee);
        // `new Map()`: a value of a built-in class, no promise at all.
        if (path !== undefined && SAFE_CONSTRUCTORS.has(path)) return callCannotThrow(value, 'open');
        return path === 'Promise' && value.arguments[0] !== undefined && executorCannotReject(value.arguments[0]);
      }
      case AST_NODE_TYPES.CallExpression:
        return callPromiseCannotReject(value);
      case AST_NODE_TYPES.ConditionalExpression:
        return promiseCannotReject(value.consequent) && promiseCannotReject(value.alternate);
      case AST_NODE_TYPES.Identifier: {
        // `const ready = new Promise(resolve => …)`: a constant holding a promise that cannot reject.
        const variable = variableOf(sourceCode, value);
        const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (definition?.type !== 'Variable' || definition.parent.kind !== 'const' || !definition.node.init) return false;
        const init = skipTypeWrappers(definition.node.init);
        return init.type !== AST_NODE_TYPES.Identifier && promiseCannotReject(init);
      }
      default:
        return false;
    }
  }

  function callPromiseCannotReject(call: TSESTree.CallExpression): boolean {
    const callee = skipTypeWrappers(call.callee);
    // `p.catch(handler)` and `p.then(ok, handler)` with a handler that cannot fail.
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = staticPropertyName(callee);
      if (method === 'catch' && call.arguments.length === 1) return noteHandling(handlerCannotFail(call.arguments[0]!));
      // `p.catch()` and `p.then()` with no handler settle as `p` does.
      if ((method === 'catch' || method === 'then') && call.arguments.length === 0) return promiseCannotReject(callee.object);
      if (method === 'then' && call.arguments.length === 2) {
        return noteHandling(handlerCannotFail(call.arguments[0]!) && handlerCannotFail(call.arguments[1]!));
      }
      if (method === 'then' && call.arguments.length === 1) return promiseCannotReject(callee.object) && handlerCannotFail(call.arguments[0]!);
      if (method === 'finally' && call.arguments.length === 1) return promiseCannotReject(callee.object) && handlerCannotFail(call.arguments[0]!);
    }
    const name = resolveName(sourceCode, callee);
    const method = promiseStaticMethod(callee, name);
    if (method !== undefined) {
      if (method === 'allSettled') return noteHandling(true);
      if ((method === 'all' || method === 'race' || method === 'any') && call.arguments.length === 1) return everyPromiseCannotReject(call.arguments[0]!);
      if (method === 'resolve') return call.arguments.length === 0 || expressionCannotFail(call.arguments[0]!, 'open');
      return false;
    }
    if (name?.source === 'timers/promises' && TIMER_PROMISES.has(name.path.join('.'))) {
      // Only an abort signal in the options can reject a timer.
      const options = call.arguments[name.path.join('.') === 'setImmediate' ? 1 : 2];
      return options === undefined || (options.type === AST_NODE_TYPES.ObjectExpression && !options.properties.some(property => property.type !== AST_NODE_TYPES.Property || staticKey(property) === 'signal' || property.computed));
    }
    const fn = calledFunction(callee);
    if (fn !== undefined) return cannotReject(fn) || cannotRejectAsCalled(fn, call);
    const foreign = foreignFunction(callee);
    return foreign !== undefined && foreignCannotReject(foreign);
  }

  /**
   * The static method of the platform's `Promise` a callee names: `Promise.resolve`, or the same
   * method of a `Promise` property (`this.broker.Promise.resolve()`): a library that lets its user
   * choose the promise implementation keeps it under that name, with the platform's contract.
   */
  function promiseStaticMethod(callee: TSESTree.Node, name: ReturnType<typeof resolveName>): string | undefined {
    if (name?.source === undefined && name?.path[0] === 'Promise') return name.path.slice(1).join('.');
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const holder = skipTypeWrappers(callee.object);
    if (holder.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(holder) !== 'Promise') return undefined;
    return staticPropertyName(callee);
  }

  /**
   * True when `fn`, read for this call, cannot reject: the flags of its parameters that the call
   * leaves unset (a parameter it does not pass, or passes as a falsy literal, whose default is none
   * or falsy; an option of an options object it does not pass, or passes as an object literal
   * without that key) are false, so a rethrow they guard never runs. Moleculer's
   * `broadcastLocal(name)`, whose `if (opts.throwError) return p` gives way to a `catch` that logs.
   */
  function cannotRejectAsCalled(fn: FunctionNode, call: TSESTree.CallExpression): boolean {
    if (unsetParameters !== undefined || inProgress.includes(fn)) return false;
    const unset = unsetParametersOf(fn, call);
    if (unset.size === 0) return false;
    unsetParameters = unset;
    const outerHandling = handlingSeen;
    const outerIgnored = returnValueIgnored;
    handlingSeen = false;
    returnValueIgnored = false;
    inProgress.push(fn);
    try {
      const answer = evaluate(fn);
      handlingSeen = outerHandling || answer;
      return answer;
    } finally {
      inProgress.pop();
      returnValueIgnored = outerIgnored;
      unsetParameters = undefined;
    }
  }

  function isFalsyLiteral(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    if (value.type === AST_NODE_TYPES.Literal) return !value.value;
    return value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined';
  }

  /** The parameters of `fn` this call leaves unset, with the argument it gives each (none, a falsy literal, an object literal). */
  function unsetParametersOf(fn: FunctionNode, call: TSESTree.CallExpression): Map<TSESLint.Scope.Variable, TSESTree.Node | undefined> {
    const unset = new Map<TSESLint.Scope.Variable, TSESTree.Node | undefined>();
    if (call.arguments.some(argument => argument.type === AST_NODE_TYPES.SpreadElement)) return unset;
    fn.params.forEach((param, index) => {
      const name = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (name.type !== AST_NODE_TYPES.Identifier) return;
      if (param.type === AST_NODE_TYPES.AssignmentPattern && !isFalsyLiteral(param.right)) return;
      const argument = call.arguments[index];
      if (argument !== undefined && !isFalsyLiteral(argument) && skipTypeWrappers(argument).type !== AST_NODE_TYPES.ObjectExpression) return;
      const variable = variableOf(sourceCode, name);
      if (variable) unset.set(variable, argument && skipTypeWrappers(argument));
    });
    return unset;
  }

  /** An object literal that certainly has no own key `key` (no spread, no computed key). */
  function lacksKey(node: TSESTree.Node | undefined, key: string): boolean {
    if (node === undefined || isFalsyLiteral(node)) return true;
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
    return node.properties.every(property => property.type === AST_NODE_TYPES.Property && !property.computed && staticKey(property) !== key);
  }

  /** True when `test` is false for the call being read: an unset flag, or an option the call does not set. */
  function isUnsetTest(test: TSESTree.Node): boolean {
    if (unsetParameters === undefined) return false;
    const value = skipTypeWrappers(test);
    if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator === '&&') return isUnsetTest(value.left) || isUnsetTest(value.right);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(sourceCode, value);
      if (!variable || !unsetParameters.has(variable)) return false;
      const argument = unsetParameters.get(variable);
      return (argument === undefined || isFalsyLiteral(argument)) && isNeverReassigned(variable);
    }
    if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed || value.object.type !== AST_NODE_TYPES.Identifier) return false;
    const key = staticPropertyName(value);
    const variable = variableOf(sourceCode, value.object);
    if (key === undefined || !variable || !unsetParameters.has(variable) || !lacksKey(unsetParameters.get(variable), key)) return false;
    // Every value the options take in the function lacks the key, and nothing sets it on them
    // (`opts = {}` when absent; `opts.groups = […]` sets another).
    return variable.references.every(reference => {
      if (reference.isWrite() && !reference.init) {
        const written = reference.writeExpr ? skipTypeWrappers(reference.writeExpr) : undefined;
        return written?.type === AST_NODE_TYPES.ObjectExpression && lacksKey(written, key);
      }
      const member = reference.identifier.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || staticPropertyName(member) !== key) return true;
      return !(member.parent?.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member);
    });
  }

  /** True when `node` lies in the consequent of an `if` under `root` whose test is unset for the call being read. */
  function inUnsetBranch(node: TSESTree.Node, root: TSESTree.Node): boolean {
    for (let child = node, parent = node.parent; parent && child !== root; child = parent, parent = parent.parent) {
      if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child && isUnsetTest(parent.test)) return true;
    }
    return false;
  }

  /** `[a(), b()]` or `items.map(callback)` where no element can be a rejecting promise. */
  function everyPromiseCannotReject(list: TSESTree.Node): boolean {
    const node = skipTypeWrappers(list);
    if (node.type === AST_NODE_TYPES.ArrayExpression) {
      return node.elements.every(element => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && promiseCannotReject(element));
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node.callee) === 'map') {
      const callback = node.arguments[0] && skipTypeWrappers(node.arguments[0]);
      return callback !== undefined && isFunctionNode(callback) && cannotReject(callback);
    }
    return false;
  }

  function noteHandling(handles: boolean): boolean {
    if (handles) handlingSeen = true;
    return handles;
  }

  function staticKey(property: TSESTree.Property): string | undefined {
    return property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : property.key.type === AST_NODE_TYPES.Literal ? String(property.key.value) : undefined;
  }

  /** A rejection or fulfilment handler that cannot throw or reject: `() => null`, `(error) => log(error)`. */
  function handlerCannotFail(handler: TSESTree.Node): boolean {
    const fn = skipTypeWrappers(handler);
    if (!isFunctionNode(fn)) return false;
    if (fn.async) return cannotReject(fn);
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return returnedValueCannotReject(fn.body, 'handler');
    return statementsCannotFail(fn.body.body, 'handler');
  }

  /** `new Promise(resolve => setTimeout(resolve, ms))`: an executor whose only step starts a timer. */
  function isTimerExecutor(executor: TSESTree.Node | undefined): boolean {
    if (!executor || !isFunctionNode(executor) || executor.async) return false;
    const body = executor.body.type === AST_NODE_TYPES.BlockStatement ? executor.body.body : [executor.body];
    if (body.length !== 1) return false;
    const only = body[0]!;
    const expression = only.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : only;
    if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
    const path = globalPath(expression.callee);
    return path === 'setTimeout' || path === 'setImmediate';
  }

  function onlyWaits(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    if (value.type === AST_NODE_TYPES.NewExpression) return globalPath(value.callee) === 'Promise' && isTimerExecutor(value.arguments[0]);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const name = resolveName(sourceCode, value.callee);
    if (name?.source === 'timers/promises' && TIMER_PROMISES.has(name.path.join('.'))) return true;
    const fn = calledFunction(value.callee);
    if (!fn) {
      const foreign = foreignFunction(value.callee);
      return foreign !== undefined && foreign.facts.functionOnlyWaits(foreign.fn);
    }
    return functionOnlyWaits(fn);
  }

  /** True when every call of `fn` gives a promise that only marks time. */
  function functionOnlyWaits(fn: FunctionNode): boolean {
    if (fn.generator) return false;
    const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : undefined;
    if (!returned) return onlyWaits(fn.body);
    const only = returned.length === 1 ? returned[0] : undefined;
    return only?.type === AST_NODE_TYPES.ReturnStatement && only.argument !== null && onlyWaits(only.argument);
  }

  /** True when `cannotFail()` holds and, while it was read, code was seen catching a failure. */
  function caughtWhile(cannotFail: () => boolean): boolean {
    const outer = handlingSeen;
    handlingSeen = false;
    try {
      return cannotFail() && handlingSeen;
    } finally {
      handlingSeen = outer;
    }
  }

  function failuresAreCaught(node: TSESTree.Node): boolean {
    return caughtWhile(() => promiseCannotReject(node));
  }

  const heldPromiseReturners = new WeakMap<FunctionNode, boolean>();

  /** `this.x`, `self.x` (a constant bound to `this`) or `param.x`, where `param` is a parameter of `fn`. */
  function isHeldProperty(node: TSESTree.Node, fn: FunctionNode): boolean {
    const value = skipTypeWrappers(node);
    if (value.type !== AST_NODE_TYPES.MemberExpression || value.computed) return false;
    const holder = skipTypeWrappers(value.object);
    // A getter of the class makes its value at each read: `get ready() { return this.load(); }`.
    if (holder.type === AST_NODE_TYPES.ThisExpression) return !classReadsThroughGetter(fn, value);
    if (holder.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = variableOf(sourceCode, holder);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!definition || !isNeverReassigned(variable!)) return false;
    if (definition.type === 'Parameter') return definition.node === fn;
    return definition.type === 'Variable' && definition.parent.kind === 'const' && definition.node.init?.type === AST_NODE_TYPES.ThisExpression;
  }

  /** True when the class whose method `fn` is (or holds `fn` in a method) declares a getter named as `member`. */
  function classReadsThroughGetter(fn: FunctionNode, member: TSESTree.MemberExpression): boolean {
    const name = readMemberName(member);
    const method = name === undefined ? undefined : enclosingMethod(fn);
    return method !== undefined && classDeclaresGetter(method.parent, name!);
  }

  function returnsHeldPromise(fn: FunctionNode): boolean {
    let known = heldPromiseReturners.get(fn);
    if (known !== undefined) return known;
    if (fn.async || fn.generator) known = false;
    else if (fn.body.type !== AST_NODE_TYPES.BlockStatement) known = isHeldProperty(fn.body, fn);
    else {
      let returns = 0;
      const otherReturn = someOwnNode(fn.body, node => {
        if (node.type !== AST_NODE_TYPES.ReturnStatement) return false;
        returns += 1;
        return node.argument === null || !isHeldProperty(node.argument, fn);
      });
      known = returns > 0 && !otherReturn;
    }
    heldPromiseReturners.set(fn, known);
    return known;
  }

  function handsBackHeldPromise(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const fn = calledFunction(value.callee);
    return fn !== undefined && !isFunctionNode(skipTypeWrappers(value.callee)) && returnsHeldPromise(fn);
  }

  const synchronousAsync = new WeakMap<FunctionNode, boolean>();

  function completesWhenCalled(node: TSESTree.Node): boolean {
    const value = skipTypeWrappers(node);
    if (value.type !== AST_NODE_TYPES.CallExpression) return false;
    const fn = calledFunction(value.callee) ?? foreignFunction(value.callee)?.fn;
    if (fn === undefined || !fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
    let known = synchronousAsync.get(fn);
    if (known === undefined) {
      known = !someOwnNode(
        fn.body,
        inner =>
          inner.type === AST_NODE_TYPES.AwaitExpression ||
          (inner.type === AST_NODE_TYPES.ForOfStatement && inner.await) ||
          // `await using` awaits the disposal when the block ends.
          (inner.type === AST_NODE_TYPES.VariableDeclaration && inner.kind === 'await using') ||
          (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument !== null),
      );
      synchronousAsync.set(fn, known);
    }
    return known;
  }

  function catchesFailures(fn: FunctionNode): boolean {
    return caughtWhile(() => cannotReject(fn));
  }

  return {
    cannotReject,
    promiseCannotReject,
    failuresAreCaught,
    onlyWaits,
    handsBackHeldPromise,
    returnsHeldPromise,
    completesWhenCalled,
    givesNoRejectingPromise,
    bodyCannotThrow,
    functionOnlyWaits,
    catchesFailures,
  };
}
