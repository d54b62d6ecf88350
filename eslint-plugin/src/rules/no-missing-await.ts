import type { JSONSchema, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '../util/ast-utils';

import { bindsLooserThanUnary } from '../util/ast';
import { createRule } from '../util/createRule';
import type { CodeContextName } from '../util/context';
import { contextsOptionSchema, getCodeContext } from '../util/context';
import { containsAssertion, isEventWatcher, settlesEnclosingTest, testCountsAssertions } from '../util/context/assertions';
import { callReportLocation } from '../util/function-head';
import type { FunctionNode } from '../util/functions';
import { canAwaitAt, getEnclosingFunction, isFunctionNode, resolveCommonJsExportFunction, resolveLocalFunction, resolveLocalInstanceMethod } from '../util/functions';
import { canonicalName, normalizeModuleSource, resolveName, skipTypeWrappers, staticPropertyName } from '../util/imports';
import type { PromiseEvidence, PromiseFunctionList } from '../util/promise-evidence';
import { createPromiseEvidence } from '../util/promise-evidence';
import { followsAwaitedWork, isSideJob } from '../util/promises/awaited-work';
import { getRejectionFacts } from '../util/promises/rejection-facts';
import { isGlobalAt, variableOf } from '../util/scope/variables';
import { explainsNotAwaiting } from '../util/source/explaining-comments';
import { callsResolveOnlyMethod } from '../util/promises/platform-promises';
import { getTypeServices, unionParts } from '../util/type-services';

/** Where the rule reports by default (see the `contexts` option). */
const DEFAULT_CONTEXTS: CodeContextName[] = ['long-running', 'startup', 'cli', 'test'];

export type Options = [
  {
    /** Where the rule reports (see `util/context`). */
    contexts?: CodeContextName[];
    /** More functions that return a promise: `{ module: 'got', names: ['got'] }`; `module` omitted for globals. */
    promiseFunctions?: PromiseFunctionList[];
    /** Calls whose promise may float: `{ module: 'vue', names: ['nextTick'] }`; without `module`, the callee as written. */
    allowForKnownSafeCalls?: PromiseFunctionList[];
    /** Report `return promise` inside a `try` block of an async function. */
    checkReturnInTry?: boolean;
  },
];

export type MessageIds =
  | 'floating'
  | 'floatingArray'
  | 'floatingUselessHandler'
  | 'returnInTry'
  | 'addAwait'
  | 'addVoid'
  | 'addCatch'
  | 'awaitAll'
  | 'returnAwait';

/** Test registrars of node:test, mocha, vitest and jest: their promise is the runner's business. */
const TEST_REGISTRARS = new Set([
  'describe', 'it', 'test', 'suite', 'context', 'specify',
  'before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll',
  'setup', 'teardown', 'suiteSetup', 'suiteTeardown',
  'xit', 'xdescribe', 'xtest', 'fit', 'fdescribe', 'xcontext', 'xspecify',
]);
const TEST_MODULES = new Set(['test', 'vitest', '@jest/globals', 'mocha']);

const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
/** Parameter names that hold a callback by convention, for code without types. */
const CALLBACK_PARAMETER = /^(?:cb|callback|done|next|fn|handler|listener)$/i;
/** Values never passed as a callback, whatever their type says. */
const NOT_CALLBACK_TYPES = new Set<string>([AST_NODE_TYPES.Literal, AST_NODE_TYPES.ObjectExpression, AST_NODE_TYPES.ArrayExpression, AST_NODE_TYPES.TemplateLiteral]);

/** Statements whose leading comment may explain a promise left floating inside them. */
const STATEMENT_HOLDERS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.IfStatement,
]);
const CATCH_HANDLER = '.catch((error) => { console.error(error); })';

type Finding = 'floating' | 'floatingArray' | 'floatingUselessHandler';

/** The callee as written, when it is a plain identifier or member chain: `app.listen`. */
function writtenPath(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const property = staticPropertyName(node);
    const object = writtenPath(node.object);
    return property !== undefined && object !== undefined ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** `x.catch(…)` needs no parentheses when `x` is a member access, a call or a primary expression. */
const MEMBER_ACCESSIBLE = new Set<string>([
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.ThisExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.TaggedTemplateExpression,
  AST_NODE_TYPES.ImportExpression,
  // `new P(x).catch()` calls `catch` on the instance.
  AST_NODE_TYPES.NewExpression,
]);

/** The schema of a `{ module?, names }[]` option. */
function functionListSchema(description: string, moduleDescription: string, namesDescription: string): JSONSchema.JSONSchema4 {
  return {
    type: 'array',
    description,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['names'],
      properties: {
        module: { type: 'string', minLength: 1, description: moduleDescription },
        names: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: namesDescription },
      },
    },
  };
}

export default createRule<Options, MessageIds>({
  name: 'no-missing-await',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow promises that are neither awaited, returned nor handled',
      recommended: 'recommended',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      floating:
        'This promise is never awaited or handled: its work races ahead and a rejection becomes an unhandled rejection (avoid forgetting await). Await it, return it, add .catch(…), or mark it with void.',
      floatingArray:
        'These promises are never awaited or handled: their work races ahead and rejections become unhandled (avoid forgetting await). Await them with Promise.all(…).',
      floatingUselessHandler:
        'This promise is never awaited or handled: its rejection handler is not a function, so a rejection stays unhandled (avoid forgetting await). Pass a function, or await it.',
      returnInTry:
        'This promise is returned without await inside try: its rejection escapes this catch/finally (avoid forgetting await). Use return await.',
      addAwait: 'Add await',
      addVoid: 'Add void to leave it unawaited (a rejection stays unhandled)',
      addCatch: 'Add .catch() that logs the error',
      awaitAll: 'Await them all with Promise.all',
      returnAwait: 'Use return await',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          contexts: contextsOptionSchema(DEFAULT_CONTEXTS),
          promiseFunctions: functionListSchema(
            'More functions that return a promise, as evidence without type information: the names exported by a module, or global names when `module` is omitted.',
            "Import source, such as 'got' or 'node:fs/promises'.",
            "Exported names or dotted paths inside the module ('default' for its default export).",
          ),
          allowForKnownSafeCalls: functionListSchema(
            'Calls whose promise may be left floating: names exported by a module, or, when `module` is omitted, the callee as written (`main`, `app.listen`).',
            "Import source, such as 'vue'.",
            'Exported names or dotted paths inside the module, or callees as written.',
          ),
          checkReturnInTry: {
            type: 'boolean',
            description: 'Report `return promise` inside the `try` block of an async function (default true).',
          },
        },
      },
    ],
  },
  defaultOptions: [{ contexts: DEFAULT_CONTEXTS, promiseFunctions: [], allowForKnownSafeCalls: [], checkReturnInTry: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const evidence: PromiseEvidence = createPromiseEvidence(sourceCode, {
      context,
      promiseFunctions: options.promiseFunctions ?? [],
    });
    const isModule = sourceCode.ast.sourceType === 'module';

    const safeModuleCalls = new Set<string>();
    const safeWrittenCalls = new Set<string>();
    for (const entry of options.allowForKnownSafeCalls ?? []) {
      for (const name of entry.names) {
        if (entry.module === undefined) {
          safeWrittenCalls.add(name);
        } else {
          const canonical = canonicalName({ source: normalizeModuleSource(entry.module), path: name.split('.') });
          safeModuleCalls.add(`${canonical.source}\0${canonical.path.join('.')}`);
        }
      }
    }

    function isKnownSafeCall(call: TSESTree.CallExpression): boolean {
      let callee: TSESTree.Node = call.callee;
      // `test.each(table)(name, fn)`: the registrar is the inner callee.
      while (callee.type === AST_NODE_TYPES.CallExpression) callee = callee.callee;
      const written = writtenPath(callee);
      if (written !== undefined && safeWrittenCalls.has(written)) return true;
      const name = resolveName(sourceCode, callee);
      if (!name) return false;
      if (name.source !== undefined && safeModuleCalls.has(`${name.source}\0${name.path.join('.')}`)) return true;
      const registrar = name.path[0];
      return (
        registrar !== undefined &&
        TEST_REGISTRARS.has(registrar) &&
        (name.source === undefined || TEST_MODULES.has(name.source))
      );
    }

    /** A `.catch(h)` / `.then(ok, h)` call on a promise: the handler, else undefined. */
    function rejectionHandler(call: TSESTree.CallExpression): TSESTree.Node | undefined | null {
      if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      const method = staticPropertyName(call.callee);
      if (method === 'catch') return call.arguments[0];
      if (method === 'then') return call.arguments[1];
      return null;
    }

    function isUndefinedValue(node: TSESTree.Node): boolean {
      return (
        (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') ||
        (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
        (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void')
      );
    }

    function findUnhandled(node: TSESTree.Node): Finding | undefined {
      const expression = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
      switch (expression.type) {
        case AST_NODE_TYPES.AssignmentExpression:
          return undefined;
        case AST_NODE_TYPES.SequenceExpression:
          for (const item of expression.expressions) {
            const finding = findUnhandled(item);
            if (finding) return finding;
          }
          return undefined;
        case AST_NODE_TYPES.UnaryExpression:
          return undefined;
        default:
          break;
      }
      if (evidence.isPromiseArray(expression)) return 'floatingArray';
      if (expression.type === AST_NODE_TYPES.AwaitExpression || expression.type === AST_NODE_TYPES.ArrayExpression) return undefined;
      if (evidence.usesTypeInformation && !evidence.isPromise(expression)) return undefined;
      if (expression.type === AST_NODE_TYPES.ConditionalExpression) {
        return findUnhandled(expression.alternate) ?? findUnhandled(expression.consequent);
      }
      if (expression.type === AST_NODE_TYPES.LogicalExpression) {
        return findUnhandled(expression.left) ?? findUnhandled(expression.right);
      }
      if (expression.type === AST_NODE_TYPES.CallExpression) {
        if (isKnownSafeCall(expression)) return undefined;
        if (!evidence.isPromise(expression)) return undefined;
        const handler = rejectionHandler(expression);
        if (handler) {
          return evidence.isCallable(handler) && !isUndefinedValue(handler) ? undefined : 'floatingUselessHandler';
        }
        const callee = expression.callee;
        if (handler === undefined) return 'floating';
        if (callee.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(callee) === 'finally') {
          return findUnhandled(callee.object) ?? undefined;
        }
        return 'floating';
      }
      return evidence.isPromise(expression) ? 'floating' : undefined;
    }

    function wrapWith(fixer: TSESLint.RuleFixer, expression: TSESTree.Node, prefix: string): TSESLint.RuleFix[] {
      if (bindsLooserThanUnary(expression) && !ASTUtils.isParenthesized(expression, sourceCode)) {
        return [fixer.insertTextBefore(expression, `${prefix}(`), fixer.insertTextAfter(expression, ')')];
      }
      const start = ASTUtils.isParenthesized(expression, sourceCode) ? sourceCode.getTokenBefore(expression)! : expression;
      return [fixer.insertTextBefore(start, prefix)];
    }

    function appendCatch(fixer: TSESLint.RuleFixer, expression: TSESTree.Node): TSESLint.RuleFix[] {
      // `p.catch()` handles nothing: give it the handler rather than chain a second catch.
      if (
        expression.type === AST_NODE_TYPES.CallExpression &&
        expression.arguments.length === 0 &&
        expression.callee.type === AST_NODE_TYPES.MemberExpression &&
        staticPropertyName(expression.callee) === 'catch'
      ) {
        const closing = sourceCode.getLastToken(expression)!;
        const opening = sourceCode.getTokenBefore(closing)!;
        if (opening.value === '(' && !sourceCode.commentsExistBetween(opening, closing)) {
          return [fixer.replaceTextRange([opening.range[0], closing.range[1]], CATCH_HANDLER.slice('.catch'.length))];
        }
      }
      // `a?.b()` may be undefined: keep the chain optional.
      if (expression.type === AST_NODE_TYPES.ChainExpression && !ASTUtils.isParenthesized(expression, sourceCode)) {
        return [fixer.insertTextAfter(expression, `?${CATCH_HANDLER}`)];
      }
      if (!MEMBER_ACCESSIBLE.has(expression.type) && !ASTUtils.isParenthesized(expression, sourceCode)) {
        return [fixer.insertTextBefore(expression, '('), fixer.insertTextAfter(expression, `)${CATCH_HANDLER}`)];
      }
      const end = ASTUtils.isParenthesized(expression, sourceCode) ? sourceCode.getTokenAfter(expression)! : expression;
      return [fixer.insertTextAfter(end, CATCH_HANDLER)];
    }

    function reportStatement(statement: TSESTree.ExpressionStatement, finding: Finding): void {
      const expression = statement.expression;
      const awaitAllowed = canAwaitAt(statement, isModule);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
      if (finding === 'floatingArray') {
        if (awaitAllowed && isGlobalAt(sourceCode, 'Promise', statement)) {
          suggest.push({
            messageId: 'awaitAll',
            fix: fixer => [fixer.insertTextBefore(expression, 'await Promise.all('), fixer.insertTextAfter(expression, ')')],
          });
        }
      } else {
        if (awaitAllowed) suggest.push({ messageId: 'addAwait', fix: fixer => wrapWith(fixer, expression, 'await ') });
        suggest.push({ messageId: 'addVoid', fix: fixer => wrapWith(fixer, expression, 'void ') });
        if (finding === 'floating' && isGlobalAt(sourceCode, 'console', statement)) {
          suggest.push({ messageId: 'addCatch', fix: fixer => appendCatch(fixer, expression) });
        }
      }
      context.report({ node: statement, loc: callReportLocation(statement, sourceCode), messageId: finding, suggest });
    }

    /** The try statement whose catch/finally a `return` inside it would escape, if any. */
    function escapesTry(node: TSESTree.ReturnStatement, fn: TSESTree.Node): boolean {
      let child: TSESTree.Node = node;
      for (let current: TSESTree.Node | undefined = node.parent; current && current !== fn; child = current, current = current.parent) {
        if (current.type !== AST_NODE_TYPES.TryStatement) continue;
        if (child === current.block && (current.handler || current.finalizer)) return true;
        if (child === current.handler && current.finalizer) return true;
      }
      return false;
    }

    /**
     * True when `node` is in the block of a \`try\` with a \`catch\`, in its own function: the code
     * means to handle failures there, and a floating promise's rejection skips that catch.
     */
    function insideCatchingTry(node: TSESTree.Node): boolean {
      const fn = getEnclosingFunction(node);
      let child: TSESTree.Node = node;
      for (let current: TSESTree.Node | undefined = node.parent; current && current !== fn; child = current, current = current.parent) {
        if (current.type === AST_NODE_TYPES.TryStatement && child === current.block && current.handler) return true;
      }
      return false;
    }

    /** `await done; return done;`: a promise awaited before the return has already settled. */
    function awaitedBefore(argument: TSESTree.Node, at: TSESTree.Node): boolean {
      if (argument.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, argument);
      return (
        variable?.references.some(
          reference =>
            reference.identifier.parent?.type === AST_NODE_TYPES.AwaitExpression && reference.identifier.range[1] <= at.range[0],
        ) ?? false
      );
    }

    const codeContext = getCodeContext(context);
    const rejection = getRejectionFacts(sourceCode, context.filename);
    const typeServices = getTypeServices(context);

    /** Modules of Node whose functions return only promises: a trailing callback there is never called. */
    const PROMISE_ONLY_MODULES = new Set(['fs/promises', 'timers/promises', 'stream/promises', 'dns/promises', 'readline/promises']);

    /** A callback passed last: a function written here, a local function, or a parameter of a function type. */
    function isCallbackArgument(argument: TSESTree.Node): boolean {
      const node = skipTypeWrappers(argument);
      if (isFunctionNode(node)) return true;
      if (typeServices) {
        if (NOT_CALLBACK_TYPES.has(node.type)) return false;
        // An optional callback (`callback?: Callback`) is still a callback.
        const type = typeServices.program.getTypeChecker().getNonNullableType(typeServices.getTypeAtLocation(node));
        return unionParts(type).some(part => part.getCallSignatures().length > 0);
      }
      if (node.type !== AST_NODE_TYPES.Identifier) return false;
      if (resolveLocalFunction(sourceCode, node)) return true;
      const variable = variableOf(sourceCode, node);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      return definition?.type === 'Parameter' && CALLBACK_PARAMETER.test(node.name);
    }

    /**
     * A call in callback style (`client.query(sql, (error, rows) => …)`) of an API that a wrapper
     * made dual: given a callback, it reports through it, and the promise it may also return
     * carries nothing to await. Not for promise-only APIs, nor for async functions of this file,
     * which ignore a callback they were not written to take.
     */
    function isCallbackStyleCall(expression: TSESTree.Node): boolean {
      const call = skipTypeWrappers(expression);
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      if (call.callee.type === AST_NODE_TYPES.MemberExpression && CHAIN_METHODS.has(staticPropertyName(call.callee) ?? '')) return false;
      const last = call.arguments[call.arguments.length - 1];
      if (!last || !isCallbackArgument(last)) return false;
      if (resolveLocalFunction(sourceCode, skipTypeWrappers(call.callee))?.async) return false;
      const name = resolveName(sourceCode, call.callee);
      return !(name?.source !== undefined && PROMISE_ONLY_MODULES.has(name.source));
    }

    /** `fs.unlink(path, callback)` with `fs` from `node:fs/promises`: the callback is never called. */
    function isCallbackToPromiseOnlyApi(expression: TSESTree.Node): boolean {
      const call = skipTypeWrappers(expression);
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const last = call.arguments[call.arguments.length - 1];
      const name = resolveName(sourceCode, call.callee);
      return last !== undefined && isFunctionNode(skipTypeWrappers(last)) && name?.source !== undefined && PROMISE_ONLY_MODULES.has(name.source);
    }

    /**
     * True when a floating promise here is not the pitfall, by where it runs: a call at the top
     * level of a script, a command-line file or a test file (its rejection ends the process with
     * the error printed, which is what such code would do anyway), anywhere in a file only the
     * package's development scripts run, or, in a test, a promise that carries no assertion (a
     * failure still fails the run; nothing checked is lost).
     */
    function floatsHarmlessly(statement: TSESTree.ExpressionStatement): boolean {
      const where = codeContext.contextOf(statement);
      // A developer's demo or local tool, run by hand: a rejection ends it with the error printed
      // before the eyes of the one who runs it, unless a handler of its own keeps it running.
      if (codeContext.developmentOnly && where === 'cli' && !codeContext.processErrorHandlerKeepsRunning) return true;
      const enclosing = getEnclosingFunction(statement);
      // A follow-up started once the function's awaited work is done (a notification to clients),
      // with nothing awaited after it unless no `try` with a `catch` is around it, in a program
      // whose own listener logs a lost rejection and keeps running: its failure becomes a line of
      // that log, and nothing of the function waits on it.
      if (enclosing !== undefined && followsAwaitedWork(statement, enclosing, !insideCatchingTry(statement)) && !continuesItself(statement.expression) && codeContext.programLogsLostRejections) return true;
      // Anywhere else in such a program, a side job nothing builds on (a push to a client, a
      // background check started), outside a `try` meant to catch its failure: its failure is
      // that log's line too, and awaiting it would only hold up what follows.
      if (enclosing !== undefined && !insideCatchingTry(statement) && !continuesItself(statement.expression) && codeContext.programLogsLostRejections && isSideJob(sourceCode, statement, enclosing)) return true;
      // A call of an async function that awaits nothing, outside a `try` meant to catch its
      // failure, in such a program: its work is done when it returns, so awaiting it orders
      // nothing, and what is at stake, a throw of its body, becomes a line of that log.
      if (!insideCatchingTry(statement) && rejection.completesWhenCalled(statement.expression) && codeContext.programLogsLostRejections) return true;
      if (isEntryCall(statement.expression)) {
        const fn = enclosing;
        if (
          fn === undefined &&
          (codeContext.topLevelRejectionsEndTheProgram || codeContext.installsProcessErrorHandler || where === 'cli' || where === 'test')
        ) {
          return true;
        }
        // In a page there is no process to end: the rejection only reaches the console.
        if (fn !== undefined && where === 'cli' && !codeContext.runsInBrowser && endsSyncFunction(statement, fn)) return true;
      }
      return where === 'test' && !losesTestAssertion(statement.expression);
    }

    /**
     * A call of a function it runs in: the next step of the same work (a recursive fetch of the
     * next batch, whose failure leaves what waits for the whole unfinished), not a follow-up.
     */
    function continuesItself(expression: TSESTree.Node): boolean {
      const value = skipTypeWrappers(expression);
      if (value.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = resolveLocalFunction(sourceCode, skipTypeWrappers(value.callee));
      for (let fn = getEnclosingFunction(value); fn !== undefined; fn = getEnclosingFunction(fn)) if (fn === callee) return true;
      return false;
    }

    /**
     * True when `statement` is the last one of a sync function's body: in command-line code, the
     * command a dispatcher calls (`case 'install': install();`) that ends by starting its async
     * work (\`(async () => { await run(); })();\`). Nothing after it in the function races it, and
     * a rejection ends the tool with the error printed, as a top-level \`main()\` would.
     */
    function endsSyncFunction(statement: TSESTree.ExpressionStatement, fn: FunctionNode): boolean {
      if (fn.async || fn.generator || fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
      return fn.body.body[fn.body.body.length - 1] === statement;
    }

    /**
     * The program's own entry: a function of this file (`main()`, `main().catch(…)`, a CommonJS
     * export of it: `if (require.main === module) exports.start();`), a method of
     * an instance of a class of this file (`const loader = new Loader(); loader.run()`), an async IIFE,
     * or the dynamic import of the real entry (`import('../dist/cli.js')`).
     */
    function isEntryCall(expression: TSESTree.Node): boolean {
      let call = skipTypeWrappers(expression);
      while (
        call.type === AST_NODE_TYPES.CallExpression &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        CHAIN_METHODS.has(staticPropertyName(call.callee) ?? '')
      ) {
        call = skipTypeWrappers(call.callee.object);
      }
      if (call.type === AST_NODE_TYPES.ImportExpression) return true;
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = skipTypeWrappers(call.callee);
      return (
        resolveLocalFunction(sourceCode, callee) !== undefined ||
        resolveLocalInstanceMethod(sourceCode, callee) !== undefined ||
        resolveCommonJsExportFunction(sourceCode, callee) !== undefined
      );
    }

    /**
     * In a test, a floating promise matters when it carries an assertion that can be lost, so
     * that the test passes without checking: not when the test counts its assertions, nor when
     * the promise's work settles what the test waits for (a failure leaves the test waiting), nor
     * when it watches for an event that may never come (a listener written with `await`).
     */
    function losesTestAssertion(expression: TSESTree.Node): boolean {
      return (
        containsAssertion(sourceCode, expression) &&
        !settlesEnclosingTest(sourceCode, expression) &&
        !testCountsAssertions(sourceCode, expression) &&
        !isEventWatcher(sourceCode, skipTypeWrappers(expression))
      );
    }

    /**
     * A comment just above the statement (or above the loop or block holding it), or at its end,
     * says why the promise is not awaited: the owner decided. Only a comment about waiting or
     * failing counts (one that describes what the code does is no reason), and never a note of
     * work left to do (TODO, FIXME).
     */
    function isExplained(statement: TSESTree.ExpressionStatement): boolean {
      const fn = getEnclosingFunction(statement);
      const anchors: TSESTree.Node[] = [statement];
      for (let current: TSESTree.Node | undefined = statement.parent; current && current !== fn && anchors.length < 3; current = current.parent) {
        if (STATEMENT_HOLDERS.has(current.type)) anchors.push(current);
      }
      return anchors.some(anchor => {
        const lastLine = anchor === statement ? anchor.loc.end.line : anchor.loc.start.line;
        const trailing = sourceCode.getCommentsAfter(anchor).filter(comment => comment.loc.start.line <= lastLine);
        return [commentBlockAbove(anchor), ...trailing.map(comment => comment.value)].some(text => text !== undefined && explainsNotAwaiting(text));
      });
    }

    /**
     * The text of the comments that end on the line just above `node` (or on its line), read as
     * one: a run of `//` lines, each on the line after the one before, is one comment to its
     * reader, and its reason may sit on any of its lines.
     */
    function commentBlockAbove(node: TSESTree.Node): string | undefined {
      const comments = sourceCode.getCommentsBefore(node);
      let index = comments.length - 1;
      if (index < 0 || comments[index]!.loc.end.line < node.loc.start.line - 1) return undefined;
      while (index > 0 && comments[index - 1]!.loc.end.line >= comments[index]!.loc.start.line - 1) index--;
      return comments.slice(index).map(comment => comment.value).join('\n');
    }

    return {
      ExpressionStatement(node) {
        // Directives ('use strict') are expression statements too. oxlint gives every other
        // expression statement `directive: null`, ESLint's parsers leave it undefined.
        if (typeof node.directive === 'string') return;
        const finding = findUnhandled(node.expression);
        if (!finding) return;
        if (finding === 'floating') {
          if (isCallbackStyleCall(node.expression) || isExplained(node)) return;
          // A promise that cannot reject loses nothing when its work races ahead, unless waiting
          // was its whole point (a pause).
          if (rejection.failuresAreCaught(node.expression) && !rejection.onlyWaits(node.expression)) return;
          // A promise held elsewhere and handed back (`return this.ready`) was not made by this call.
          if (rejection.handsBackHeldPromise(node.expression)) return;
          // A platform promise documented to only resolve (\`worker.terminate()\`), known by its type.
          if (typeServices && callsResolveOnlyMethod(typeServices, node.expression)) return;
          if (floatsHarmlessly(node) && !isCallbackToPromiseOnlyApi(node.expression)) return;
          // In a browser page an unhandled rejection is reported like an uncaught error and ends
          // nothing; it matters only where the code meant to catch it (a \`try\` around the call).
          // (Not in tests: a test that renders in a DOM still loses the assertion a promise carries.)
          if (codeContext.runsInBrowser && codeContext.contextOf(node) !== 'test' && !insideCatchingTry(node)) return;
        } else if (codeContext.contextOf(node) === 'test' && !losesTestAssertion(node.expression)) {
          return;
        }
        reportStatement(node, finding);
      },
      ReturnStatement(node) {
        if (options.checkReturnInTry === false || !node.argument) return;
        const fn = getEnclosingFunction(node);
        if (!fn?.async || fn.generator || !escapesTry(node, fn)) return;
        const argument = node.argument;
        if (argument.type === AST_NODE_TYPES.AwaitExpression || !evidence.isPromise(argument)) return;
        if (awaitedBefore(argument, node)) return;
        // In a test, the rejection still fails the test; no check is lost. In a command line, it
        // reaches the command-line framework, which prints it and exits, as the catch would.
        const where = codeContext.contextOf(node);
        if (where === 'test' || where === 'cli') return;
        context.report({
          node: argument,
          messageId: 'returnInTry',
          suggest: [{ messageId: 'returnAwait', fix: fixer => wrapWith(fixer, argument, 'await ') }],
        });
      },
    };
  },
});
