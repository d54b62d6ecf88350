import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/ast-utils';
import type * as ts from 'typescript';

import { arrowBodyRange, climbThrough, TYPE_WRAPPER_TYPES, unaryOperandText } from '../util/ast';
import { isCertainlyArray } from '../util/arrays';
import { createRule } from '../util/createRule';
import type { CodeContextName } from '../util/context';
import { contextsOptionSchema, getCodeContext } from '../util/context';
import { containsAssertion, settlesEnclosingTest, testCountsAssertions } from '../util/context/assertions';
import { isProcessExitCall, LISTENER_METHODS, processListenerEvent } from '../util/context/process-calls';
import { declaresFunctionTwice, returnAwaitEdits } from '../util/fix/wrap-function-body';
import type { FunctionNode } from '../util/functions';
import { reportLocation } from '../util/function-head';
import { canAwaitAt, getEnclosingFunction, isFunctionNode, resolveLocalFunction } from '../util/functions';
import { resolveName, skipTypeWrappers, staticPropertyName } from '../util/imports';
import { timerFunction } from '../util/timers';
import { declared, getFileDeclarations } from '../util/declarations';
import { expectedType, voidArgumentIndices } from '../util/declarations/void-slots';
import { createPromiseEvidence } from '../util/promise-evidence';
import { isGlobalAt } from '../util/scope/variables';
import { constantInitializer } from '../util/values';
import { getRejectionFacts } from '../util/promises/rejection-facts';
import {
  expressVersionIgnoringHandlerPromises,
  isExpressApplication,
  mayRejectUnguarded,
  passErrorsToNextFix,
  ROUTE_METHODS,
} from '../util/route-handlers';
import type { VoidReturnTypes } from '../util/void-return';
import { calledDeclaration, getTypeServices, isThenableType } from '../util/type-services';
import { createVoidReturnTypes } from '../util/void-return';
import { someOwnNode } from '../util/walk';

/** Where the rule reports by default (see the `contexts` option). */
const DEFAULT_CONTEXTS: CodeContextName[] = ['long-running', 'startup', 'test'];

export type Options = [
  {
    /** Where the rule reports (see `util/context`). */
    contexts?: CodeContextName[];
  },
];

export type MessageIds =
  | 'forEach'
  | 'predicate'
  | 'executor'
  | 'handler'
  | 'expressHandler'
  | 'voidReturn'
  | 'voidReturnNext'
  | 'voidReturnInherited'
  | 'useForOf'
  | 'usePromiseAll'
  | 'wrapInTryCatch'
  | 'passErrorsToNext';

const PREDICATE_METHODS = new Set(['filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);

type Expression = TSESTree.Expression | TSESTree.SpreadElement;

/** Expressions whose value is never a function, whatever the types say. */
const NEVER_CALLABLE_VALUES = new Set<string>([
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.UnaryExpression,
  AST_NODE_TYPES.UpdateExpression,
  AST_NODE_TYPES.JSXElement,
  AST_NODE_TYPES.JSXFragment,
  AST_NODE_TYPES.ThisExpression,
]);

function methodName(callee: TSESTree.Node): string | undefined {
  return callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : undefined;
}

/** An event name we can read: a string literal, a template without holes, or a named constant. */
function isPlainEventName(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string';
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.length === 0;
  return node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression;
}

/** Type annotations whose values are never functions: keywords, literals, arrays, tuples. */
const NEVER_CALLABLE_ANNOTATIONS = new Set<string>([
  AST_NODE_TYPES.TSAnyKeyword,
  AST_NODE_TYPES.TSUnknownKeyword,
  AST_NODE_TYPES.TSVoidKeyword,
  AST_NODE_TYPES.TSUndefinedKeyword,
  AST_NODE_TYPES.TSNullKeyword,
  AST_NODE_TYPES.TSNeverKeyword,
  AST_NODE_TYPES.TSBooleanKeyword,
  AST_NODE_TYPES.TSNumberKeyword,
  AST_NODE_TYPES.TSBigIntKeyword,
  AST_NODE_TYPES.TSStringKeyword,
  AST_NODE_TYPES.TSSymbolKeyword,
  AST_NODE_TYPES.TSObjectKeyword,
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.TSTemplateLiteralType,
  AST_NODE_TYPES.TSArrayType,
  AST_NODE_TYPES.TSTupleType,
  AST_NODE_TYPES.TSTypePredicate,
]);

/**
 * Whether a value of the annotated type may be a function, by syntax alone. An async function's
 * `return` is checked against what its `Promise<…>` resolves to; a `Promise` itself is never one.
 */
function mayBeFunctionType(annotation: TSESTree.TypeNode, awaited: boolean): boolean {
  if (NEVER_CALLABLE_ANNOTATIONS.has(annotation.type)) return false;
  if (annotation.type === AST_NODE_TYPES.TSUnionType) return annotation.types.some(part => mayBeFunctionType(part, awaited));
  if (annotation.type === AST_NODE_TYPES.TSTypeLiteral) {
    return annotation.members.some(
      member => member.type === AST_NODE_TYPES.TSCallSignatureDeclaration || member.type === AST_NODE_TYPES.TSConstructSignatureDeclaration,
    );
  }
  if (
    annotation.type === AST_NODE_TYPES.TSTypeReference &&
    annotation.typeName.type === AST_NODE_TYPES.Identifier &&
    annotation.typeName.name === 'Promise'
  ) {
    const [resolved] = annotation.typeArguments?.params ?? [];
    return awaited && resolved !== undefined && mayBeFunctionType(resolved, false);
  }
  return true;
}

/**
 * Whether a `return` in `fn` can have a contextual type that is a function: a declared function or
 * a class method without a return type has none (TypeScript types neither from the context).
 */
function mayExpectFunctionReturn(fn: FunctionNode): boolean {
  if (fn.returnType) return mayBeFunctionType(fn.returnType.typeAnnotation, fn.async);
  return !(
    fn.type === AST_NODE_TYPES.FunctionDeclaration ||
    fn.parent.type === AST_NODE_TYPES.MethodDefinition ||
    fn.parent.type === AST_NODE_TYPES.TSAbstractMethodDefinition
  );
}

/** True when `node` contains a `throw` that runs in the same function (not a nested one). */
function containsOwnThrow(node: TSESTree.Node): boolean {
  return someOwnNode(node, current => current.type === AST_NODE_TYPES.ThrowStatement);
}

/** Whether a function body returns a value anywhere (not counting functions nested in it). */
function returnsValue(body: TSESTree.BlockStatement): boolean {
  return someOwnNode(body, node => node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null);
}

/** A statement that cannot throw or reject: no call, no `await`, no `throw` (`this.timer = null`, `if (done) return`). */
function cannotFail(statement: TSESTree.Node): boolean {
  return !someOwnNode(statement, node =>
    node.type === AST_NODE_TYPES.CallExpression ||
    node.type === AST_NODE_TYPES.NewExpression ||
    node.type === AST_NODE_TYPES.AwaitExpression ||
    node.type === AST_NODE_TYPES.ThrowStatement ||
    node.type === AST_NODE_TYPES.TaggedTemplateExpression ||
    node.type === AST_NODE_TYPES.YieldExpression ||
    (node.type === AST_NODE_TYPES.ForOfStatement && node.await),
  );
}

/**
 * The function's work runs inside a `try` whose `catch` does not rethrow; whatever is outside it
 * cannot fail (plain assignments and early returns).
 */
function catchesEverything(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  const guards = fn.body.body.filter(
    (statement): statement is TSESTree.TryStatement =>
      statement.type === AST_NODE_TYPES.TryStatement &&
      statement.handler !== null &&
      !containsOwnThrow(statement.handler.body) &&
      (statement.finalizer === null || cannotFail(statement.finalizer)),
  );
  if (guards.length === 0) return false;
  return fn.body.body.every(statement => guards.includes(statement as TSESTree.TryStatement) || cannotFail(statement));
}

/** `p.catch(handler)` or `p.then(ok, fail)`: the chain ends with a rejection handler. */
function endsWithRejectionHandler(node: TSESTree.Node | null | undefined): boolean {
  if (!node) return false;
  const expression = skipTypeWrappers(node);
  if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const method = methodName(expression.callee);
  if (method === 'catch') return expression.arguments.length >= 1;
  if (method === 'then') return expression.arguments.length >= 2;
  return false;
}

/** The function handles its own rejections: all inside `try/catch`, or its promise ends in `.catch()`. */
function handlesOwnRejections(fn: FunctionNode): boolean {
  if (catchesEverything(fn)) return true;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return endsWithRejectionHandler(fn.body);
  const statements = fn.body.body;
  if (statements.length !== 1) return false;
  const only = statements[0]!;
  if (only.type === AST_NODE_TYPES.ReturnStatement) return endsWithRejectionHandler(only.argument);
  if (only.type === AST_NODE_TYPES.ExpressionStatement) {
    const expression = only.expression.type === AST_NODE_TYPES.AwaitExpression ? only.expression.argument : only.expression;
    return endsWithRejectionHandler(expression);
  }
  return false;
}

const LOOP_TYPES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/** True when a loop inside `root` holds `node` (a `continue` there would continue that loop). */
function isInsideLoop(node: TSESTree.Node, root: TSESTree.Node): boolean {
  for (let current = node.parent; current && current !== root; current = current.parent) {
    if (LOOP_TYPES.has(current.type)) return true;
  }
  return false;
}

/** Scopes of blocks inside a function: what they declare stays inside them wherever the code goes. */
const BLOCK_SCOPE_TYPES: ReadonlySet<string> = new Set(['block', 'for', 'switch', 'catch']);

/**
 * True when the function's scope, or a block inside it, declares a name that would land in the
 * enclosing function once its body is inlined there: a `var`, a function declaration (hoisted out
 * of its block in sloppy code), an enum. Parameters, `let`, `const` and classes stay in the block.
 */
function declaresHoistedNames(scope: TSESLint.Scope.Scope): boolean {
  for (const variable of scope.variables) {
    for (const definition of variable.defs) {
      const blockScoped =
        definition.type === 'Parameter' ||
        definition.type === 'ClassName' ||
        definition.type === 'CatchClause' ||
        (definition.type === 'Variable' && definition.parent.kind !== 'var');
      if (!blockScoped) return true;
    }
  }
  return scope.childScopes.some(child => BLOCK_SCOPE_TYPES.has(child.type) && declaresHoistedNames(child));
}

/** An async function that awaits nothing and returns nothing: it runs to completion synchronously. */
function awaitsNothing(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
  return !someOwnNode(
    fn.body,
    node =>
      node.type === AST_NODE_TYPES.AwaitExpression ||
      (node.type === AST_NODE_TYPES.ForOfStatement && node.await) ||
      (node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null),
  );
}

/**
 * Reports whose whole harm is a rejection nobody handles: a listener's or a void slot's. A predicate
 * (always truthy), an async executor (the promise never settles), forEach (the loop does not wait)
 * and Express handlers (the request hangs) cost more than that.
 */
const LOST_REJECTION_ONLY: ReadonlySet<string> = new Set(['handler', 'voidReturn', 'voidReturnInherited']);

export default createRule<Options, MessageIds>({
  name: 'no-misused-async-callback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow async callbacks where the caller ignores the promise they return',
      recommended: 'recommended',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      forEach:
        'forEach ignores the promise of this async callback: the iterations are not awaited and their rejections go unseen. Use for…of with await, or await Promise.all(array.map(…)).',
      predicate:
        "'{{method}}' tests the promise this callback returns, and a promise is always truthy. Await the results first (await Promise.all(array.map(…))), then {{method}} on them.",
      executor:
        'An async Promise executor loses its rejections: an error after an await never rejects the promise. Keep the executor sync and await outside it.',
      handler:
        "{{caller}} ignores the promise this callback returns, so its rejection goes unseen (an unhandled rejection crashes Node). Catch errors inside the callback.",
      expressHandler:
        'Express {{major}} ignores the promise this handler returns: a rejection never reaches next(), so the request hangs and the rejection goes unhandled (an unhandled rejection crashes Node). Catch errors in the handler and pass them to next(error), or move to Express 5, which does that itself.',
      voidReturn:
        'A promise-returning function is passed where a void-returning one is expected: nobody awaits it and its rejection goes unseen.',
      voidReturnNext:
        'This handler returns a promise where a void-returning handler is expected: nobody awaits it, so a rejection never reaches next() and the request hangs. Catch errors in the handler and pass them to next(error).',
      voidReturnInherited:
        "This promise-returning method overrides one that '{{base}}' declares as returning void: callers will not await it and its rejection goes unseen.",
      useForOf: 'Await one at a time with for…of',
      usePromiseAll: 'Await all at once with Promise.all',
      wrapInTryCatch: 'Catch and log errors in the callback',
      passErrorsToNext: 'Catch errors and pass them to {{next}}()',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { contexts: contextsOptionSchema(DEFAULT_CONTEXTS) },
      },
    ],
  },
  defaultOptions: [{ contexts: DEFAULT_CONTEXTS }],
  create(context) {
    const sourceCode = context.sourceCode;
    const evidence = createPromiseEvidence(sourceCode);
    const typeServices = getTypeServices(context);
    const types: VoidReturnTypes | undefined = typeServices ? createVoidReturnTypes(typeServices) : undefined;
    const isModule = sourceCode.ast.sourceType === 'module';
    const reported = new Set<TSESTree.Node>();
    const codeContext = getCodeContext(context);
    const rejection = getRejectionFacts(sourceCode, context.filename);

    /** A value the evidence, or the type checker when there is one, shows to be a promise. */
    function isPromiseValue(node: TSESTree.Node): boolean {
      if (evidence.isPromise(node)) return true;
      if (!types) return false;
      return isThenableType(types.checker, types.services.getTypeAtLocation(node), types.services.esTreeNodeToTSNodeMap.get(node), 'callable');
    }

    /**
     * A value a listener returns that may be a promise that rejects: one shown to be a promise, or
     * one the rejection facts cannot show to be none (an unknown call's value may be a promise,
     * which the listener's own promise then follows).
     */
    function mayBeRejectingValue(node: TSESTree.Node): boolean {
      return isPromiseValue(node) || !rejection.givesNoRejectingPromise(node);
    }

    /** One report per node; a function written in place is reported at its head, not over its body. */
    function report(descriptor: TSESLint.ReportDescriptor<MessageIds> & { node: TSESTree.Node }): void {
      if (reported.has(descriptor.node)) return;
      reported.add(descriptor.node);
      const fn = callbackFunction(descriptor.node);
      // A predicate's promise is truthy whatever happens in it; for every other callback, a
      // promise that cannot reject loses nothing.
      if (descriptor.messageId !== 'predicate' && fn && rejection.cannotReject(fn)) return;
      // A plain function handing back a promise held elsewhere (`() => command.promise`) makes no
      // promise of its own to lose: the one it returns is answered for where it was made.
      if (descriptor.messageId !== 'predicate' && fn && rejection.returnsHeldPromise(fn)) return;
      // At shutdown, a failure ends the process with the error printed, as it was going to end;
      // not where the file's own process-wide error handler may keep it running instead.
      if (
        !codeContext.processErrorHandlerKeepsRunning &&
        !isProcessErrorHandler(descriptor.node) &&
        ((fn && endsTheProcess(fn)) || isShutdownListener(descriptor.node))
      ) {
        return;
      }
      // A listener that awaits nothing loses no awaited work: it fails as a sync listener would.
      // Nor does one whose every await (and returned promise, and throw) sits in a `try` whose
      // `catch` does not rethrow: what can still fail is sync code (`socket.emit(…)` after the
      // guarded read), which throws out of a sync listener or timer just the same. Its owner
      // wrote the waiting right, as for a route handler (see `mayRejectUnguarded`).
      // (For a listener, a timer or a DOM handler; elsewhere a declared void type is a contract.)
      if (descriptor.messageId === 'handler' && fn?.async && (awaitsNothing(fn) || !mayRejectUnguarded(fn, mayBeRejectingValue))) return;
      // The same for a plain listener that hands the event to such an async function of the file
      // (`err => this._exceptionHandler(err)`): what can fail is that function's sync code.
      const delegate = descriptor.messageId === 'handler' && fn && !fn.async ? delegatedFunction(fn) : undefined;
      if (delegate?.async && !delegate.generator && (awaitsNothing(delegate) || !mayRejectUnguarded(delegate, mayBeRejectingValue))) return;
      // After 'exit' the event loop does not run again: nothing a listener starts settles, and no
      // rejection is reported (Node's docs: its listeners must only do synchronous work).
      if (LOST_REJECTION_ONLY.has(descriptor.messageId) && processEventOf(descriptor.node) === 'exit') return;
      const where = codeContext.contextOf(descriptor.node);
      // In a browser page an unhandled rejection is reported like an uncaught error and ends
      // nothing: a listener or void callback that rejects fails as a sync one that throws would.
      // (Not in tests: a test that renders in a DOM still loses the assertion a listener carries.)
      if (LOST_REJECTION_ONLY.has(descriptor.messageId) && codeContext.runsInBrowser && where !== 'test') return;
      if (where === 'test' && !losesTestAssertion(fn)) return;
      context.report({ ...descriptor, loc: reportLocation(descriptor.node, sourceCode) });
    }

    /**
     * A callback whose last step ends the process (`await drain(); process.exit(0)`): a failure
     * before it ends the process too, with the error printed, which is where it was going.
     */
    function endsTheProcess(fn: FunctionNode, depth = 0): boolean {
      // `() => this.shutdown()`: the callback is the function it calls.
      const body = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body];
      const last = body[body.length - 1];
      if (!last) return false;
      if (last.type === AST_NODE_TYPES.TryStatement) return last.finalizer !== null && blockEndsTheProcess(last.finalizer);
      const call = callOfStep(last);
      if (!call) return false;
      if (isProcessExitCall(sourceCode, call)) return true;
      // A callback that hands over to a function of the file which always ends the process.
      const callee = depth < 2 ? calledFunction(call.callee) : undefined;
      return callee !== undefined && endsTheProcess(callee, depth + 1);
    }

    /**
     * The function a plain callback hands its work to: its whole body is one call of a function of
     * the file or a method of its class (`err => this._exceptionHandler(err)`, `() => { return run(); }`).
     */
    function delegatedFunction(fn: FunctionNode): FunctionNode | undefined {
      const body = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body];
      const call = body.length === 1 ? callOfStep(body[0]!) : undefined;
      return call && calledFunction(call.callee);
    }

    /** The call a step of a function's body makes and hands back or awaits: `run()`, `return run()`, `await run()`, an expression body. */
    function callOfStep(step: TSESTree.Node): TSESTree.CallExpression | undefined {
      const value = step.type === AST_NODE_TYPES.ReturnStatement ? step.argument : step.type === AST_NODE_TYPES.ExpressionStatement ? step.expression : step;
      const call = value && skipTypeWrappers(value.type === AST_NODE_TYPES.AwaitExpression ? value.argument : value);
      return call?.type === AST_NODE_TYPES.CallExpression ? call : undefined;
    }

    /** A `finally` (or any block) whose last step is `process.exit(…)`: every path through it ends the process. */
    function blockEndsTheProcess(block: TSESTree.BlockStatement): boolean {
      const last = block.body[block.body.length - 1];
      return last?.type === AST_NODE_TYPES.ExpressionStatement && last.expression.type === AST_NODE_TYPES.CallExpression && isProcessExitCall(sourceCode, last.expression);
    }


    /** The function a call reaches: a local function, or `this.method` of the enclosing class. */
    function calledFunction(callee: TSESTree.Node): FunctionNode | undefined {
      const local = resolveLocalFunction(sourceCode, skipTypeWrappers(callee));
      if (local) return local;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
      const name = staticPropertyName(callee);
      const classBody = sourceCode.getAncestors?.(callee).reverse().find(ancestor => ancestor.type === AST_NODE_TYPES.ClassBody) as TSESTree.ClassBody | undefined;
      const method = classBody?.body.find(
        (member): member is TSESTree.MethodDefinition =>
          member.type === AST_NODE_TYPES.MethodDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name,
      );
      return method?.value.type === AST_NODE_TYPES.FunctionExpression ? method.value : undefined;
    }

    /**
     * In a test, an async callback whose promise nobody awaits is a bug when it carries an
     * assertion that can be lost: the test passes without checking. Not when it asserts nothing,
     * nor when it settles what the test waits for (`resolve()`, `done()`): a failure before that
     * leaves the test waiting, and the runner fails it.
     */
    function losesTestAssertion(fn: FunctionNode | undefined): boolean {
      return (
        fn !== undefined &&
        containsAssertion(sourceCode, fn.body) &&
        !settlesEnclosingTest(sourceCode, fn.body) &&
        !testCountsAssertions(sourceCode, fn)
      );
    }

    /** The function behind an argument, when it is written here or bound to one local function. */
    function callbackFunction(argument: TSESTree.Node): FunctionNode | undefined {
      return resolveLocalFunction(sourceCode, skipTypeWrappers(argument));
    }

    /** Without types: an async function, a local function the evidence knows, or `() => promise`. */
    function returnsPromiseByEvidence(argument: TSESTree.Node): boolean {
      const node = skipTypeWrappers(argument);
      const fn = callbackFunction(node);
      if (fn) {
        if (fn.generator) return false;
        if (fn.async) return true;
        if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.body.type !== AST_NODE_TYPES.BlockStatement) {
          return evidence.isPromise(fn.body);
        }
      }
      return evidence.returnsPromise(node);
    }

    function returnsPromise(argument: TSESTree.Node): boolean {
      if (returnsPromiseByEvidence(argument)) return true;
      return types !== undefined && types.returnsThenable(argument);
    }

    /** With types, a slot whose declared type accepts a promise-returning function is fine. */
    function slotAcceptsPromise(argument: TSESTree.Node): boolean {
      if (!types) return false;
      const expected = types.contextualType(argument);
      return expected !== undefined && types.isThenableReturningFunctionType(expected);
    }

    /** Values that syntax alone shows are not functions returning a thenable. */
    function cannotReturnThenable(value: TSESTree.Node): boolean {
      const node = skipTypeWrappers(value);
      if (NEVER_CALLABLE_VALUES.has(node.type)) return true;
      if (!isFunctionNode(node)) return false;
      return node.generator || (!node.async && node.body.type === AST_NODE_TYPES.BlockStatement && !returnsValue(node.body));
    }

    function handlesRejections(argument: TSESTree.Node): boolean {
      const fn = callbackFunction(argument);
      return fn !== undefined && (handlesOwnRejections(fn) || rejection.cannotReject(fn));
    }

    /** `process.on('SIGTERM', async () => …)`: a failure while the process shuts down still ends it, with the error printed. */
    /** The event of `process.on(event, listener)` (or once, addListener…) for `listener`, if that is where it is registered. */
    function processEventOf(listener: TSESTree.Node): string | undefined {
      const call = climbThrough(listener, TYPE_WRAPPER_TYPES).parent;
      return call?.type === AST_NODE_TYPES.CallExpression ? processListenerEvent(sourceCode, call) : undefined;
    }

    function isShutdownListener(listener: TSESTree.Node): boolean {
      const event = processEventOf(listener);
      return event !== undefined && /^(?:SIG[A-Z]+|beforeExit|exit)$/.test(event);
    }

    /**
     * `process.on('uncaughtException' | 'unhandledRejection', async …)`: its own rejection comes back
     * to it as another unhandled error, before the `process.exit` it ends with, again and again.
     */
    function isProcessErrorHandler(listener: TSESTree.Node): boolean {
      const event = processEventOf(listener);
      return event === 'uncaughtException' || event === 'unhandledRejection';
    }

    function wrapSuggestion(argument: TSESTree.Node): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const node = skipTypeWrappers(argument);
      if (!isFunctionNode(node) || !node.async || !isGlobalAt(sourceCode, 'console', node)) return [];
      const body = node.body;
      if (body.type === AST_NODE_TYPES.BlockStatement) {
        // A directive prologue ('use strict') stays first, or it would become a plain string.
        const directives = body.body.filter(
          statement => statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined,
        );
        if (directives.length === body.body.length) return [];
        if (declaresFunctionTwice(sourceCode, node)) return [];
        const start = directives.length > 0 ? directives[directives.length - 1]!.range[1] : body.range[0] + 1;
        // A promise returned without `await` escapes the `try`: it is awaited where it is returned.
        let inner = sourceCode.text.slice(start, body.range[1] - 1);
        for (const edit of returnAwaitEdits(body, mayBeRejectingValue).sort((a, b) => b.at - a.at)) {
          inner = inner.slice(0, edit.at - start) + edit.text + inner.slice(edit.at - start);
        }
        return [{
          messageId: 'wrapInTryCatch',
          fix: fixer => fixer.replaceTextRange([start, body.range[1] - 1], ` try {${inner}} catch (error) { console.error(error); } `),
        }];
      }
      // An expression body, with the parentheses around it (`({ … })`), becomes a block that awaits it.
      const range = arrowBodyRange(sourceCode, node as TSESTree.ArrowFunctionExpression);
      return [{
        messageId: 'wrapInTryCatch',
        fix: fixer =>
          fixer.replaceTextRange(range, `{ try { await ${unaryOperandText(sourceCode, body)}; } catch (error) { console.error(error); } }`),
      }];
    }

    /** With types, the receiver's type decides; without, only a receiver that is certainly an array. */
    function isArrayReceiver(receiver: TSESTree.Node): boolean {
      if (receiver.type === AST_NODE_TYPES.Super) return false;
      return types ? types.isArrayLike(receiver) : isCertainlyArray(sourceCode, receiver);
    }

    /**
     * The body of a `for…of` loop that does what the callback did for each element, or undefined
     * when the loop would not: a declaration that would hoist into the enclosing function (`var`, a
     * function), `this` or `arguments` of a function expression, a `return` that is not a plain
     * `continue`, or a parameter the loop cannot bind.
     */
    function forOfBody(callback: FunctionNode, receiver: TSESTree.Node): string | undefined {
      const [parameter, index] = callback.params;
      if (callback.generator || !parameter || callback.params.length > 2) return undefined;
      if (
        !(parameter.type === AST_NODE_TYPES.Identifier ||
          ((parameter.type === AST_NODE_TYPES.ObjectPattern || parameter.type === AST_NODE_TYPES.ArrayPattern) && !parameter.typeAnnotation))
      ) {
        return undefined;
      }
      // TypeScript's `this: T` parameter is no element.
      if (parameter.type === AST_NODE_TYPES.Identifier && parameter.name === 'this') return undefined;
      // `(item, index)`: the loop destructures `entries()`.
      if (index && index.type !== AST_NODE_TYPES.Identifier) return undefined;
      const scope = sourceCode.scopeManager?.acquire(callback);
      if (!scope || declaresHoistedNames(scope)) return undefined;
      if (callback.type === AST_NODE_TYPES.FunctionExpression) {
        // A function expression has its own `this`, `arguments` and name; the loop body would not.
        if (callback.id || scope.set.get('arguments')?.references.length) return undefined;
        const ownThis = someOwnNode(
          callback.body,
          node => node.type === AST_NODE_TYPES.ThisExpression || node.type === AST_NODE_TYPES.Super || node.type === AST_NODE_TYPES.MetaProperty,
          fn => fn.type === AST_NODE_TYPES.ArrowFunctionExpression,
        );
        if (ownThis) return undefined;
      }
      // `for (const item of item.children)` reads `item` before it is bound: a ReferenceError.
      const bound = new Set(scope.variables.filter(variable => variable.defs.some(def => def.type === 'Parameter')).map(variable => variable.name));
      if (sourceCode.getTokens(receiver).some(token => token.type === 'Identifier' && bound.has(token.value))) return undefined;
      const body = callback.body;
      if (body.type !== AST_NODE_TYPES.BlockStatement) return `{ await ${unaryOperandText(sourceCode, body)}; }`;
      // `return;` ends one call of the callback: `continue;` ends one turn of the loop.
      const returns: TSESTree.ReturnStatement[] = [];
      let convertible = true;
      someOwnNode(body, node => {
        if (node.type !== AST_NODE_TYPES.ReturnStatement) return false;
        returns.push(node);
        convertible = node.argument === null && !isInsideLoop(node, body);
        return !convertible;
      });
      if (!convertible) return undefined;
      let text = sourceCode.getText(body);
      for (const statement of returns.sort((a, b) => b.range[0] - a.range[0])) {
        const start = statement.range[0] - body.range[0];
        text = `${text.slice(0, start)}continue;${text.slice(statement.range[1] - body.range[0])}`;
      }
      return text;
    }

    function forEachSuggestions(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const statement = call.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || call.optional || callee.optional || callee.computed) return [];
      if (!canAwaitAt(statement, isModule)) return [];
      const callback = skipTypeWrappers(call.arguments[0]!);
      if (!isFunctionNode(callback) || !callback.async) return [];
      // A Map's or a Set's `forEach` passes other arguments, and they have no `map`.
      if (!isArrayReceiver(callee.object)) return [];
      // The receiver as written, with its parentheses: `(a || b).forEach` must stay `(a || b).map`.
      const dot = sourceCode.getTokenBefore(callee.property);
      if (!dot) return [];
      // A comment between the receiver and `.forEach` (`Object.keys(r) // note` on its own line)
      // would swallow the rest of the rewritten line, or be lost: no rewrite then.
      if (sourceCode.commentsExistBetween(callee.object, dot)) return [];
      const receiverText = sourceCode.text.slice(callee.range[0], dot.range[0]).trim();
      const suggestions: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      const loopBody = call.arguments.length === 1 ? forOfBody(callback, callee.object) : undefined;
      if (loopBody !== undefined) {
        const [parameter, index] = callback.params as [TSESTree.Parameter, TSESTree.Identifier | undefined];
        const element = parameter.type === AST_NODE_TYPES.Identifier ? parameter.name : sourceCode.getText(parameter);
        const head = index ? `const [${index.name}, ${element}] of ${receiverText}.entries()` : `const ${element} of ${receiverText}`;
        suggestions.push({
          messageId: 'useForOf',
          fix: fixer => fixer.replaceText(statement, `for (${head}) ${loopBody}`),
        });
      }
      const argumentsText = call.arguments.map(argument => sourceCode.getText(argument)).join(', ');
      if (!isGlobalAt(sourceCode, 'Promise', call)) return suggestions;
      suggestions.push({
        messageId: 'usePromiseAll',
        fix: fixer => fixer.replaceText(call, `await Promise.all(${receiverText}.map(${argumentsText}))`),
      });
      return suggestions;
    }

    function checkCall(call: TSESTree.CallExpression): void {
      const callee = call.callee;
      const method = methodName(callee);
      const first = call.arguments[0];

      if (method === 'forEach' && first && callee.type === AST_NODE_TYPES.MemberExpression) {
        if (returnsPromise(first) && !slotAcceptsPromise(first) && !handlesRejections(first)) {
          report({ node: first, messageId: 'forEach', suggest: forEachSuggestions(call, callee) });
        }
        return;
      }

      if (method !== undefined && PREDICATE_METHODS.has(method) && first && callee.type === AST_NODE_TYPES.MemberExpression) {
        // With types, only arrays and tuples (an async iterator's `filter` awaits its predicate).
        if (types && !types.isUnknown(callee.object) && !types.isArrayLike(callee.object)) return;
        if (returnsPromise(first)) report({ node: first, messageId: 'predicate', data: { method } });
        return;
      }

      if (method !== undefined && LISTENER_METHODS.has(method) && call.arguments.length === 2) {
        const handler = call.arguments[1]!;
        if (isPlainEventName(first) && returnsPromise(handler) && !slotAcceptsPromise(handler) && !handlesRejections(handler)) {
          report({ node: handler, messageId: 'handler', data: { caller: `'${method}'` }, suggest: wrapSuggestion(handler) });
        }
        return;
      }

      if (method === 'addEventListener' && call.arguments.length >= 2) {
        const handler = call.arguments[1]!;
        if (isPlainEventName(first) && returnsPromise(handler) && !slotAcceptsPromise(handler) && !handlesRejections(handler)) {
          report({ node: handler, messageId: 'handler', data: { caller: "'addEventListener'" }, suggest: wrapSuggestion(handler) });
        }
        return;
      }

      if (method !== undefined && ROUTE_METHODS.has(method) && callee.type === AST_NODE_TYPES.MemberExpression) {
        checkExpressRoute(call, callee);
        return;
      }

      const timer = timerFunction(sourceCode, callee);
      if (timer && first && returnsPromise(first) && !handlesRejections(first)) {
        report({ node: first, messageId: 'handler', data: { caller: `'${timer}'` }, suggest: wrapSuggestion(first) });
      }
    }

    /** The Express version of the project when it drops handlers' rejections; null: it does not, or unknown. */
    let expressIgnoringPromises: number | null | undefined;

    /**
     * `app.get('/x', async (req, res) => …)` on an Express application or router made in this
     * file. With types the declared handler type decides (see `checkArguments`); without them the
     * Express version the project runs: 4 drops a handler's rejection, 5 passes it to `next`.
     */
    function checkExpressRoute(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression): void {
      if (!isExpressApplication(sourceCode, callee.object)) return;
      if (types && !types.isUnknown(callee.object)) return;
      expressIgnoringPromises ??= expressVersionIgnoringHandlerPromises(context.filename) ?? null;
      if (expressIgnoringPromises === null) return;
      for (const handler of call.arguments) {
        if (handler.type === AST_NODE_TYPES.SpreadElement || !returnsPromiseByEvidence(handler)) continue;
        const fn = callbackFunction(handler);
        const returnsPromise = (node: TSESTree.Node): boolean => fn !== undefined && mayBePromise(node, fn);
        if (fn ? !mayRejectUnguarded(fn, returnsPromise) : handlesRejections(handler)) continue;
        const nextIndex = fn && fn.params.length === 4 ? 3 : 2;
        report({
          node: handler,
          messageId: 'expressHandler',
          data: { major: String(expressIgnoringPromises) },
          suggest: passErrorsToNextSuggestion(handler, nextIndex, returnsPromise),
        });
      }
    }

    /**
     * Without types, what a handler returns may be a promise when the evidence says so, or when it
     * is a call on anything but the handler's own parameters (`res.json(…)`, `next(error)` are not).
     */
    function mayBePromise(node: TSESTree.Node, fn: FunctionNode): boolean {
      if (evidence.isPromise(node)) return true;
      const value = skipTypeWrappers(node);
      if (value.type !== AST_NODE_TYPES.CallExpression && value.type !== AST_NODE_TYPES.NewExpression) return false;
      let root: TSESTree.Node = value;
      while (root.type === AST_NODE_TYPES.CallExpression || root.type === AST_NODE_TYPES.MemberExpression) {
        root = root.type === AST_NODE_TYPES.CallExpression ? root.callee : root.object;
      }
      return !(root.type === AST_NODE_TYPES.Identifier && fn.params.some(param => param.type === AST_NODE_TYPES.Identifier && param.name === root.name));
    }

    function passErrorsToNextSuggestion(
      argument: TSESTree.Node,
      nextIndex: number,
      returnsPromise: (node: TSESTree.Node) => boolean,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const fn = skipTypeWrappers(argument);
      const planned = isFunctionNode(fn) ? passErrorsToNextFix(sourceCode, fn, nextIndex, returnsPromise) : undefined;
      return planned ? [{ messageId: 'passErrorsToNext', data: { next: planned.next }, fix: planned.fix }] : [];
    }

    function checkNew(node: TSESTree.NewExpression): void {
      const executor = node.arguments[0];
      if (!executor) return;
      const name = resolveName(sourceCode, node.callee);
      if (name?.source !== undefined || name?.path.join('.') !== 'Promise') return;
      const fn = callbackFunction(executor);
      if (fn && fn.async && !fn.generator) report({ node: executor, messageId: 'executor' });
    }

    function checkJsxAttribute(node: TSESTree.JSXAttribute): void {
      if (node.name.type !== AST_NODE_TYPES.JSXIdentifier || !/^on[A-Z]/.test(node.name.name)) return;
      // Only DOM elements are known to ignore a handler's promise; a component may await it.
      const element = node.parent.name;
      if (element.type !== AST_NODE_TYPES.JSXIdentifier || !/^[a-z]/.test(element.name)) return;
      if (node.value?.type !== AST_NODE_TYPES.JSXExpressionContainer) return;
      const expression = node.value.expression;
      if (expression.type === AST_NODE_TYPES.JSXEmptyExpression) return;
      if (!returnsPromiseByEvidence(expression) || handlesRejections(expression)) return;
      if (slotAcceptsPromise(node.value)) return;
      report({
        node: expression,
        messageId: 'handler',
        data: { caller: `The '${node.name.name}' handler` },
        suggest: wrapSuggestion(expression),
      });
    }

    /** What a variable holds for good: its only initialiser, never reassigned, not a name destructured from it. */
    function heldValue(node: TSESTree.Node): TSESTree.Node | undefined {
      const init = constantInitializer(sourceCode, node);
      return init && skipTypeWrappers(init);
    }

    /** `Symbol.dispose` (or another well-known symbol) of the global `Symbol`. */
    function isWellKnownSymbol(key: TSESTree.Node, name: string): boolean {
      const resolved = resolveName(sourceCode, key);
      return resolved !== undefined && resolved.source === undefined && resolved.path.length === 2 && resolved.path[0] === 'Symbol' && resolved.path[1] === name;
    }

    if (!types) {
      // ---- Without type information: the void-return slots the code declares (`util/declarations`). ----
      const declarations = getFileDeclarations(sourceCode, context.filename);

      /** A function that returns a promise by evidence or declaration, or whose body returns one on some path. */
      const returnsPromiseDeclared = (value: TSESTree.Node): boolean => {
        if (cannotReturnThenable(value)) return false;
        if (returnsPromiseByEvidence(value)) return true;
        const fn = skipTypeWrappers(value);
        return (
          isFunctionNode(fn) &&
          fn.body.type === AST_NODE_TYPES.BlockStatement &&
          someOwnNode(fn.body, node => node.type === AST_NODE_TYPES.ReturnStatement && node.argument !== null && evidence.isPromise(node.argument))
        );
      };

      /** A function written in place, or a reference to one: what can be a promise-returning callback here. */
      const mayBeFunctionValue = (value: TSESTree.Node): boolean => {
        const node = skipTypeWrappers(value);
        return isFunctionNode(node) || node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression;
      };

      // Cheapest question first: most values are no functions, most contexts declare no void slot.
      const checkSlot = (value: TSESTree.Node): void => {
        if (!mayBeFunctionValue(value) || cannotReturnThenable(value)) return;
        if (!declared.isVoidReturningFunction(expectedType(declarations, value))) return;
        if (!handlesRejections(value) && returnsPromiseDeclared(value)) report({ node: value, messageId: 'voidReturn' });
      };

      /**
       * `target = value`, the questions of `checkSlot` in the other order: what the target expects
       * costs more here (a field's declared type, through its class and what its annotation
       * imports), and few assigned values return a promise.
       */
      const checkAssignedValue = (value: TSESTree.Node): void => {
        if (!mayBeFunctionValue(value) || cannotReturnThenable(value) || !returnsPromiseDeclared(value)) return;
        if (declared.isVoidReturningFunction(expectedType(declarations, value)) && !handlesRejections(value)) report({ node: value, messageId: 'voidReturn' });
      };

      /** A function value (in place or named) that returns a promise by evidence or declaration. */
      const isPromiseFunctionValue = (value: TSESTree.Node): boolean =>
        mayBeFunctionValue(value) && !cannotReturnThenable(value) && returnsPromiseDeclared(value);

      /**
       * `...callbacks` where `callbacks` is an array literal (in place, or a variable never
       * reassigned that holds one) of functions returning promises, or a variable declared as an
       * array or tuple of such functions: each element fills a parameter from here on.
       */
      const spreadsPromiseFunctions = (spread: TSESTree.SpreadElement): boolean => {
        const list = skipTypeWrappers(spread.argument);
        const held = list.type === AST_NODE_TYPES.ArrayExpression ? list : heldValue(list);
        if (held?.type === AST_NODE_TYPES.ArrayExpression) {
          return held.elements.some(
            element => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isPromiseFunctionValue(element) && !handlesRejections(element),
          );
        }
        if (list.type !== AST_NODE_TYPES.Identifier) return false;
        const type = declarations.typeOfExpression(list);
        const parts = type.kind === 'array' ? [type.element] : type.kind === 'tuple' ? type.elements : [];
        return parts.some(part => declared.returnsPromise(part));
      };

      const checkArgumentsDeclared = (node: TSESTree.CallExpression | TSESTree.NewExpression): void => {
        // The arguments first: the callee's declared type is read only for a call that passes a promise-returning function.
        const positions = new Set<number>();
        node.arguments.forEach((argument, index) => {
          if (argument.type === AST_NODE_TYPES.SpreadElement) {
            if (spreadsPromiseFunctions(argument)) positions.add(index);
            return;
          }
          if (isPromiseFunctionValue(argument)) positions.add(index);
        });
        if (positions.size === 0) return;
        // `promise.finally(async () => …)` waits for the returned promise.
        if (node.type === AST_NODE_TYPES.CallExpression && methodName(node.callee) === 'finally') return;
        for (const index of voidArgumentIndices(declarations, node, positions)) {
          const argument = node.arguments[index]!;
          // A spread was asked about only when one of its functions leaves its rejections unhandled.
          if (argument.type === AST_NODE_TYPES.SpreadElement || !handlesRejections(argument)) report({ node: argument, messageId: 'voidReturn' });
        }
      };

      /**
       * `using resource = { async [Symbol.dispose]() {…} }`: at the end of the block the runtime
       * calls the sync disposer and drops what it returns. The object is written in place or held
       * by a variable never reassigned. `await using` awaits an async disposer and is not asked.
       */
      const checkSyncDisposer = (init: TSESTree.Node): void => {
        const value = skipTypeWrappers(init);
        const object = value.type === AST_NODE_TYPES.ObjectExpression ? value : heldValue(value);
        if (object?.type !== AST_NODE_TYPES.ObjectExpression) return;
        const disposer = object.properties.find(
          (property): property is TSESTree.Property =>
            property.type === AST_NODE_TYPES.Property && property.computed && isWellKnownSymbol(property.key, 'dispose'),
        );
        const fn = disposer?.value;
        if (!fn || !isPromiseFunctionValue(fn) || handlesRejections(fn)) return;
        report({ node: init, messageId: 'voidReturn' });
      };

      const memberReturnsPromise = (member: TSESTree.Node): boolean => {
        const value = 'value' in member ? (member.value as TSESTree.Node | null) : null;
        if (value && isFunctionNode(value)) return isPromiseFunctionValue(value);
        return declared.returnsPromise(declarations.typeOfMember(member));
      };

      /** A member returning a promise where a base type declares the same member as returning void. */
      const checkHeritageDeclared = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.TSInterfaceDeclaration): void => {
        const bases = declarations.heritageOf(node);
        if (bases.length === 0) return;
        const members: TSESTree.Node[] = node.body.body;
        for (const member of members) {
          if (!('key' in member) || ('static' in member && member.static) || ('computed' in member && member.computed)) continue;
          if (member.key.type !== AST_NODE_TYPES.Identifier) continue;
          const key = member.key.name;
          let returnsPromiseHere: boolean | undefined;
          for (const base of bases) {
            // Named members only: an index signature of the base does not make a new member an override.
            if (!declared.isVoidReturningFunction(declared.memberOf(base.type, key, false))) continue;
            returnsPromiseHere ??= memberReturnsPromise(member);
            if (!returnsPromiseHere) break;
            const value = 'value' in member ? (member.value as TSESTree.Node | null) : null;
            if (value && isFunctionNode(value) && rejection.cannotReject(value)) break;
            context.report({
              node: member,
              loc: value && isFunctionNode(value) ? reportLocation(value, sourceCode) : member.loc,
              messageId: 'voidReturnInherited',
              data: { base: sourceCode.getText(base.node) },
            });
          }
        }
      };

      return {
        CallExpression(node) {
          checkCall(node);
          checkArgumentsDeclared(node);
        },
        NewExpression(node) {
          checkNew(node);
          checkArgumentsDeclared(node);
        },
        JSXAttribute(node) {
          checkJsxAttribute(node);
          if (node.value?.type === AST_NODE_TYPES.JSXExpressionContainer && node.value.expression.type !== AST_NODE_TYPES.JSXEmptyExpression) {
            checkSlot(node.value.expression);
          }
        },
        Property(node) {
          if (node.parent.type === AST_NODE_TYPES.ObjectExpression && node.kind === 'init') checkSlot(node.value);
        },
        ReturnStatement(node) {
          if (node.argument) checkSlot(node.argument);
        },
        ArrowFunctionExpression(node) {
          if (node.body.type !== AST_NODE_TYPES.BlockStatement) checkSlot(node.body);
        },
        VariableDeclarator(node) {
          if (!node.init) return;
          checkSlot(node.init);
          if (node.parent.kind === 'using') checkSyncDisposer(node.init);
        },
        AssignmentExpression(node) {
          if (node.operator === '=') checkAssignedValue(node.right);
        },
        ClassDeclaration: checkHeritageDeclared,
        ClassExpression: checkHeritageDeclared,
        TSInterfaceDeclaration: checkHeritageDeclared,
      };
    }

    // ---- With type information: any promise-returning function where a void one is expected. ----
    const typed = types;
    const tsServices = typed.services;


    function spreadReturnsThenable(spread: TSESTree.SpreadElement): boolean {
      const type = tsServices.getTypeAtLocation(spread.argument);
      const checker = typed.checker;
      return typed.unionParts(type).some(part => {
        if (!checker.isArrayType(part) && !checker.isTupleType(part)) return false;
        return checker.getTypeArguments(part as ts.TypeReference).some(element => typed.isThenableReturningFunctionType(element));
      });
    }

    function isPromiseFinally(call: TSESTree.CallExpression): boolean {
      if (methodName(call.callee) === 'finally') return true;
      return calledDeclaration(tsServices, call)?.name?.getText() === 'finally';
    }

    /**
     * Whether calling the value can return a thenable. Asked before what the context expects,
     * which is what costs: values that are never functions, and functions written in place,
     * answer without the checker.
     */
    function returnsThenable(value: TSESTree.Node): boolean {
      if (cannotReturnThenable(value)) return false;
      const fn = skipTypeWrappers(value);
      if (isFunctionNode(fn) && fn.async) return true;
      return typed.returnsThenable(value);
    }

    function returnsUnhandledThenable(argument: Expression): boolean {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return spreadReturnsThenable(argument);
      return !handlesRejections(argument) && returnsThenable(argument);
    }

    function checkArguments(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      // Only the arguments that syntax alone cannot rule out: most calls pass none, and then not
      // even the callee's type is asked for.
      const positions = new Set<number>();
      node.arguments.forEach((argument, index) => {
        if (argument.type === AST_NODE_TYPES.SpreadElement || !cannotReturnThenable(argument)) positions.add(index);
      });
      if (positions.size === 0) return;
      // The callee's parameters next: most calls take no void callback, and then no argument's
      // type is asked for (inferring them is what costs).
      const slots = typed.voidArgumentIndices(node, positions);
      if (slots.size === 0) return;
      // `promise.finally(async () => …)` waits for the returned promise.
      if (node.type === AST_NODE_TYPES.CallExpression && isPromiseFinally(node)) return;
      node.arguments.forEach((argument: Expression, index) => {
        if (slots.has(index) && returnsUnhandledThenable(argument)) reportVoidArgument(argument);
      });
    }

    /** A handler whose declared type passes it `next` (Express 4's `RequestHandler`) can hand its errors on. */
    function reportVoidArgument(argument: TSESTree.Node): void {
      const nextIndex = declaredNextIndex(argument);
      if (nextIndex === undefined) {
        report({ node: argument, messageId: 'voidReturn' });
        return;
      }
      // A request handler is judged as one (see `checkExpressRoute`).
      const fn = callbackFunction(argument);
      if (fn && !mayRejectUnguarded(fn, isPromiseValue)) return;
      report({ node: argument, messageId: 'voidReturnNext', suggest: passErrorsToNextSuggestion(argument, nextIndex, isPromiseValue) });
    }


    /**
     * Where the expected handler type declares a callable `next` parameter, after `req, res` (or
     * `err, req, res` for a function written with four parameters, an error handler).
     */
    function declaredNextIndex(argument: TSESTree.Node): number | undefined {
      const fn = skipTypeWrappers(argument);
      if (!isFunctionNode(fn)) return undefined;
      const expected = typed.contextualType(fn);
      if (!expected) return undefined;
      const wanted = fn.params.length === 4 ? 3 : 2;
      for (const part of typed.unionParts(expected)) {
        for (const signature of part.getCallSignatures()) {
          const parameter = signature.parameters[wanted];
          if (parameter?.name !== 'next' || signature.parameters.length !== wanted + 1) continue;
          if (typed.checker.getTypeOfSymbol(parameter).getCallSignatures().length > 0) return wanted;
        }
      }
      return undefined;
    }

    function expectsVoidFunction(type: ts.Type | undefined): boolean {
      return type !== undefined && typed.isVoidReturningFunctionType(type);
    }

    function checkProperty(node: TSESTree.Property): void {
      if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
      const value = node.value;
      if (node.method || (isFunctionNode(value) && node.kind === 'init')) {
        if (!isFunctionNode(value) || !returnsThenable(value)) return;
        // A named member of the expected type, else what TypeScript expects there (an index signature).
        const expected = expectedPropertyType(node) ?? (node.method ? undefined : typed.contextualType(value));
        if (expectsVoidFunction(expected)) report({ node: value, messageId: 'voidReturn' });
        return;
      }
      if (node.kind !== 'init') return;
      if (returnsThenable(value) && expectsVoidFunction(typed.contextualType(value))) report({ node: value, messageId: 'voidReturn' });
    }

    /** The type the object literal's contextual type gives to this property. */
    function expectedPropertyType(node: TSESTree.Property): ts.Type | undefined {
      const checker = typed.checker;
      const objectType = typed.contextualType(node.parent);
      if (!objectType) return undefined;
      const tsProperty = tsServices.esTreeNodeToTSNodeMap.get(node) as ts.Node & { symbol?: ts.Symbol };
      const symbol = tsProperty.symbol;
      if (!symbol) return undefined;
      for (const part of typed.unionParts(objectType)) {
        const match = checker.getApparentType(part).getProperties().find(property => property.escapedName === symbol.escapedName);
        if (match) return checker.getTypeOfSymbolAtLocation(match, tsProperty);
      }
      return undefined;
    }

    function checkReturn(node: TSESTree.ReturnStatement): void {
      const fn = getEnclosingFunction(node);
      if (!node.argument || !fn || !mayExpectFunctionReturn(fn) || !returnsThenable(node.argument)) return;
      if (expectsVoidFunction(typed.contextualType(node.argument))) report({ node: node.argument, messageId: 'voidReturn' });
    }

    function checkDeclarator(node: TSESTree.VariableDeclarator): void {
      if (!node.init) return;
      const declaration = node.parent;
      if (declaration.kind === 'using' || declaration.kind === 'await using') {
        checkDisposable(node.init, declaration.kind === 'using');
      }
      if (!node.id.typeAnnotation) return;
      const declared = tsServices.getTypeAtLocation(node.id);
      if (expectsVoidFunction(declared)) {
        if (returnsThenable(node.init)) report({ node: node.init, messageId: 'voidReturn' });
      } else {
        checkObjectAgainst(node.init, declared);
      }
    }

    /** `using x = { async [Symbol.dispose]() {} }`: the sync disposer's promise is dropped. */
    function checkDisposable(init: TSESTree.Node, sync: boolean): void {
      if (!sync) return;
      const checker = typed.checker;
      const type = tsServices.getTypeAtLocation(init);
      const dispose = type.getProperties().find(property => property.escapedName.toString().startsWith('__@dispose@'));
      if (!dispose) return;
      const disposeType = checker.getTypeOfSymbol(dispose);
      if (typed.isThenableReturningFunctionType(disposeType)) report({ node: init, messageId: 'voidReturn' });
    }

    /** An object value whose methods return promises, assigned where the type's methods return void. */
    function checkObjectAgainst(value: TSESTree.Node, target: ts.Type): void {
      if (value.type === AST_NODE_TYPES.ObjectExpression) return; // its properties are checked one by one
      const checker = typed.checker;
      const sourceType = tsServices.getTypeAtLocation(value);
      if (sourceType.getCallSignatures().length > 0) return;
      for (const targetProperty of checker.getApparentType(target).getProperties()) {
        const sourceProperty = sourceType.getProperty(targetProperty.name) ??
          sourceType.getProperties().find(property => property.escapedName === targetProperty.escapedName);
        if (!sourceProperty) continue;
        const targetPropertyType = checker.getTypeOfSymbol(targetProperty);
        if (!typed.isVoidReturningFunctionType(targetPropertyType)) continue;
        if (typed.isThenableReturningFunctionType(checker.getTypeOfSymbol(sourceProperty))) {
          report({ node: value, messageId: 'voidReturn' });
          return;
        }
      }
    }

    function checkAssignment(node: TSESTree.AssignmentExpression): void {
      if (node.operator !== '=' || !returnsThenable(node.right)) return;
      if (expectsVoidFunction(tsServices.getTypeAtLocation(node.left))) report({ node: node.right, messageId: 'voidReturn' });
    }

    function checkJsxAttributeTyped(node: TSESTree.JSXAttribute): void {
      if (node.value?.type !== AST_NODE_TYPES.JSXExpressionContainer) return;
      const expression = node.value.expression;
      if (expression.type === AST_NODE_TYPES.JSXEmptyExpression) return;
      if (handlesRejections(expression) || !returnsThenable(expression)) return;
      if (expectsVoidFunction(typed.contextualType(node.value))) report({ node: expression, messageId: 'voidReturn' });
    }

    /** Class and interface members that return promises where a base type's member returns void. */
    function checkHeritage(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression | TSESTree.TSInterfaceDeclaration): void {
      const checker = typed.checker;
      const heritage: TSESTree.Node[] = [];
      if (node.type === AST_NODE_TYPES.TSInterfaceDeclaration) heritage.push(...node.extends);
      else {
        if (node.superClass) heritage.push(node.superClass);
        heritage.push(...node.implements);
      }
      if (heritage.length === 0) return;
      const baseTypes = heritage.map(base => {
        const type = checker.getTypeAtLocation(tsServices.esTreeNodeToTSNodeMap.get(base));
        // `extends Base` names the constructor; `implements`/interface `extends` name the instance type.
        return base === (node as { superClass?: TSESTree.Node | null }).superClass ? instanceTypeOf(type) : type;
      });
      const baseMemberMaps = baseTypes.map(
        baseType => new Map(checker.getApparentType(baseType).getProperties().map(property => [property.escapedName, property])),
      );
      const members: TSESTree.Node[] = node.body.body;
      for (const member of members) {
        if (
          member.type !== AST_NODE_TYPES.MethodDefinition &&
          member.type !== AST_NODE_TYPES.PropertyDefinition &&
          member.type !== AST_NODE_TYPES.AccessorProperty &&
          member.type !== AST_NODE_TYPES.TSAbstractMethodDefinition &&
          member.type !== AST_NODE_TYPES.TSAbstractPropertyDefinition &&
          member.type !== AST_NODE_TYPES.TSAbstractAccessorProperty &&
          member.type !== AST_NODE_TYPES.TSMethodSignature &&
          member.type !== AST_NODE_TYPES.TSPropertySignature
        ) {
          continue;
        }
        if ('static' in member && member.static) continue;
        const tsMember = tsServices.esTreeNodeToTSNodeMap.get(member) as ts.Node & { symbol?: ts.Symbol };
        const symbol = tsMember.symbol;
        if (!symbol) continue;
        // The base's member first: most override nothing void, and then the member's own type
        // (inferred from its body when it has no annotation) is never asked for.
        let returnsThenableHere: boolean | undefined;
        for (const [index, baseMembers] of baseMemberMaps.entries()) {
          const baseMember = baseMembers.get(symbol.escapedName);
          if (!baseMember) continue;
          if (!typed.isVoidReturningFunctionType(checker.getTypeOfSymbolAtLocation(baseMember, tsMember))) continue;
          returnsThenableHere ??= memberReturnsThenable(member, symbol, tsMember);
          if (!returnsThenableHere) break;
          const value = 'value' in member ? member.value : null;
          // A method whose failures are caught loses nothing, whatever its base declares.
          if (value && isFunctionNode(value) && rejection.cannotReject(value)) break;
          context.report({
            node: member,
            loc: value && isFunctionNode(value) ? reportLocation(value, sourceCode) : member.loc,
            messageId: 'voidReturnInherited',
            data: { base: sourceCode.getText(heritage[index]!) },
          });
        }
      }
    }

    /** A method written in place answers without the checker when syntax tells. */
    function memberReturnsThenable(member: TSESTree.Node, symbol: ts.Symbol, tsMember: ts.Node): boolean {
      const value =
        member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition ? member.value : null;
      if (value && isFunctionNode(value)) {
        if (cannotReturnThenable(value)) return false;
        if (value.async) return true;
      }
      return typed.isThenableReturningFunctionType(typed.checker.getTypeOfSymbolAtLocation(symbol, tsMember));
    }

    function instanceTypeOf(type: ts.Type): ts.Type {
      const construct = type.getConstructSignatures()[0];
      return construct ? construct.getReturnType() : type;
    }

    return {
      CallExpression(node) {
        checkCall(node);
        checkArguments(node);
      },
      NewExpression(node) {
        checkNew(node);
        checkArguments(node);
      },
      JSXAttribute(node) {
        checkJsxAttribute(node);
        checkJsxAttributeTyped(node);
      },
      Property: checkProperty,
      ReturnStatement: checkReturn,
      VariableDeclarator: checkDeclarator,
      AssignmentExpression: checkAssignment,
      ClassDeclaration: checkHeritage,
      ClassExpression: checkHeritage,
      TSInterfaceDeclaration: checkHeritage,
    };
  },
});
