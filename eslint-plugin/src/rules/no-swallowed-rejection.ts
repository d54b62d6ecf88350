import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/ast-utils';

import { childNodes, climbThrough, TYPE_WRAPPER_TYPES } from '../util/ast';
import { createRule } from '../util/createRule';
import type { CodeContextName } from '../util/context';
import { contextsOptionSchema } from '../util/context';
import { functionHeadLoc } from '../util/function-head';
import type { FunctionNode } from '../util/functions';
import { ELEMENT_CALLBACK_METHODS, getEnclosingFunction, isFunctionNode } from '../util/functions';
import { resolveName, skipTypeWrappers, staticPropertyName } from '../util/imports';
import { isOptionalCapabilityCall } from '../util/optional-capability';
import { CLEAN_UP_METHODS } from '../util/resources';
import { explainsIgnoringErrors } from '../util/source/explaining-comments';
import { someOwnNode } from '../util/walk';
import { createPromiseEvidence } from '../util/promise-evidence';
import { getRejectionFacts } from '../util/promises/rejection-facts';
import { firstIndexAtOrAfter, indexOfNodeAt } from '../util/sorted';
import { isGlobalAt, variableOf } from '../util/scope/variables';
import { onlyRunByInterval } from '../util/timers';

/** Where the rule reports by default (see the `contexts` option). */
const DEFAULT_CONTEXTS: CodeContextName[] = ['long-running', 'startup', 'cli'];

export type Options = [
  {
    /** Where the rule reports (see `util/context`). */
    contexts?: CodeContextName[];
  },
];

export type MessageIds = 'emptyHandler' | 'emptyCatch' | 'unreadAllSettled' | 'logError';

const ERROR_NAME = 'error';

/** Methods that add to a collection: a read of it that only adds observes nothing. */
const ADDING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'add', 'set']);

function isNothing(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return node.value === null;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name === 'undefined';
  return node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'void' && node.argument.type === AST_NODE_TYPES.Literal;
}

/** `{}`, `{ return; }`, `{ return null; }`, `undefined`, `null`, `void 0`. */
function doesNothing(fn: FunctionNode): boolean {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isNothing(fn.body);
  const statements = fn.body.body;
  if (statements.length === 0) return true;
  if (statements.length !== 1) return false;
  const only = statements[0]!;
  return only.type === AST_NODE_TYPES.ReturnStatement && (only.argument === null || isNothing(only.argument));
}

function staticMethodName(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(node) : undefined;
}

const RESULT_WRAPPER_TYPES: ReadonlySet<string> = new Set([AST_NODE_TYPES.AwaitExpression, ...TYPE_WRAPPER_TYPES]);

/** The node whose value is the call's result: the `await` around it, if any. */
function resultNode(node: TSESTree.Node): TSESTree.Node {
  return climbThrough(node, RESULT_WRAPPER_TYPES);
}

export default createRule<Options, MessageIds>({
  name: 'no-swallowed-rejection',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow rejection handlers and catch blocks that throw the error away',
      recommended: 'strict',
      usesTypeInformation: false,
    },
    hasSuggestions: true,
    messages: {
      emptyHandler:
        'This rejection handler throws the error away, so nobody learns what failed: report it (log it, rethrow it) or say in a comment why it is safe to ignore.',
      emptyCatch:
        'This empty catch throws away the error of an awaited operation, so nobody learns what failed: report it (log it, rethrow it) or say in a comment why it is safe to ignore.',
      unreadAllSettled:
        "The rejected results of this Promise.allSettled are never read, so failures vanish silently: report the reason of every result whose status is 'rejected'.",
      logError: 'Log the error with console.error',
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
    const rejection = getRejectionFacts(sourceCode, context.filename);

    /**
     * A comment says the error is ignored on purpose: inside the handler, at the end of the line
     * where it ends, or just above the statement holding it (or above the block of adjacent
     * statements it belongs to, as in a commented group of `.catch(() => {})` lines).
     */
    function hasIntentComment(node: TSESTree.Node): boolean {
      if (sourceCode.getCommentsInside(node).length > 0) return true;
      let statement: TSESTree.Node = node;
      while (statement.parent && !statement.type.endsWith('Statement') && statement.type !== AST_NODE_TYPES.VariableDeclaration) {
        statement = statement.parent;
      }
      const firstLine = runStartLine(statement);
      // A comment outside the handler must say why ignoring is fine: one describing the code is no
      // reason. Comments are in source order: only those next to the handler or above its statements
      // are looked at.
      const comments = sourceCode.getAllComments();
      for (let index = firstIndexAtOrAfter(comments, node.range[1], comment => comment.range[0]); index < comments.length; index++) {
        const comment = comments[index]!;
        if (comment.loc.start.line !== node.loc.end.line) break;
        if (explainsIgnoringErrors(comment.value)) return true;
      }
      for (let index = firstIndexAtOrAfter(comments, statement.range[0] + 1, comment => comment.range[1]) - 1; index >= 0; index--) {
        const comment = comments[index]!;
        if (comment.loc.end.line < firstLine - 1) return false;
        if (comment.loc.end.line <= statement.loc.start.line - 1 && explainsIgnoringErrors(comment.value)) return true;
      }
      return false;
    }

    /**
     * The first line of the run of adjacent statements that `statement` belongs to (each starts on the
     * line after the one before it ends), remembered for each statement of the run.
     */
    const runStarts = new WeakMap<TSESTree.Node, number>();

    function runStartLine(statement: TSESTree.Node): number {
      const known = runStarts.get(statement);
      if (known !== undefined) return known;
      const parent = statement.parent;
      const siblings = parent && 'body' in parent && Array.isArray(parent.body) ? (parent.body as TSESTree.Node[]) : [statement];
      // Back to the start of the run, or to a statement whose start is known; then forward, remembering.
      let index = indexOfNodeAt(siblings, statement.range[0]);
      if (index < 0) return statement.loc.start.line;
      const run = [siblings[index]!];
      while (index > 0 && !runStarts.has(siblings[index]!) && siblings[index - 1]!.loc.end.line === siblings[index]!.loc.start.line - 1) {
        index -= 1;
        run.push(siblings[index]!);
      }
      const first = run[run.length - 1]!;
      const line = runStarts.get(first) ?? first.loc.start.line;
      for (const member of run) runStarts.set(member, line);
      return line;
    }

    /**
     * True when the promise the handler is attached to is also reachable elsewhere (a variable
     * read again, a field of `this`): the handler only marks it handled, and whoever awaits it
     * still sees the rejection.
     */
    function isObservedElsewhere(receiver: TSESTree.Node): boolean {
      let target = receiver;
      // `p.then(f).catch(() => null)`: the handler guards a derived chain; `p` itself may be awaited.
      while (
        target.type === AST_NODE_TYPES.CallExpression &&
        (staticMethodName(target.callee) === 'then' || staticMethodName(target.callee) === 'finally') &&
        target.callee.type === AST_NODE_TYPES.MemberExpression
      ) {
        target = target.callee.object;
      }
      if (
        target.type === AST_NODE_TYPES.CallExpression &&
        staticMethodName(target.callee) === 'resolve' &&
        target.arguments.length === 1 &&
        target.callee.type === AST_NODE_TYPES.MemberExpression &&
        target.callee.object.type === AST_NODE_TYPES.Identifier &&
        target.callee.object.name === 'Promise'
      ) {
        target = target.arguments[0]!;
      }
      if (target.type === AST_NODE_TYPES.MemberExpression) {
        return target.object.type === AST_NODE_TYPES.ThisExpression || isElementAwaitedLater(target);
      }
      if (target.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, target);
      if (!variable || variable.defs.length === 0) return false;
      return variable.references.some(reference => reference.identifier !== target && reference.isRead());
    }

    /**
     * `writes[writes.length - 1].catch(() => {})` after `writes.push(db.remove(key))`: an element of
     * a collection the code reads again after this statement (`await Promise.all(writes)`), other
     * than to add to it. The handler only keeps the rejection from being reported before that
     * await; the await still sees it (etherpad-lite's secret rotation).
     */
    function isElementAwaitedLater(element: TSESTree.MemberExpression): boolean {
      let root: TSESTree.Node = element;
      while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, root);
      if (!variable || variable.defs.length === 0) return false;
      return variable.references.some(reference => {
        const identifier = reference.identifier;
        if (!reference.isRead() || identifier.range[0] < element.range[1]) return false;
        const parent = identifier.parent;
        const adds =
          parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === identifier &&
          parent.parent?.type === AST_NODE_TYPES.CallExpression &&
          parent.parent.callee === parent &&
          ADDING_METHODS.has(staticMethodName(parent) ?? '');
        return !adds;
      });
    }

    function consoleIsGlobal(at: TSESTree.Node): boolean {
      return isGlobalAt(sourceCode, 'console', at);
    }

    function handlerSuggestion(fn: FunctionNode): TSESLint.ReportFixFunction | undefined {
      // TypeScript's `this: T` parameter is not the error: it stays, and the error comes after it.
      const thisParam = fn.params[0]?.type === AST_NODE_TYPES.Identifier && fn.params[0].name === 'this' ? fn.params[0] : undefined;
      const params = thisParam ? fn.params.slice(1) : fn.params;
      if (fn.returnType || fn.typeParameters || params.length > 1 || !consoleIsGlobal(fn)) return undefined;
      const param = params[0];
      if (param && param.type !== AST_NODE_TYPES.Identifier) return undefined;
      const name = param?.name ?? ERROR_NAME;
      const paramText = `${thisParam ? `${sourceCode.getText(thisParam)}, ` : ''}${param ? sourceCode.getText(param) : ERROR_NAME}`;
      let returned = '';
      const expressionBody = fn.body.type === AST_NODE_TYPES.BlockStatement ? undefined : fn.body;
      const returnStatement = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body[0] : undefined;
      const value = expressionBody ??
        (returnStatement?.type === AST_NODE_TYPES.ReturnStatement ? returnStatement.argument : null);
      if (value) returned = ` return ${sourceCode.getText(value)};`;
      const body = `{ console.error(${name});${returned} }`;
      const asyncPrefix = fn.async ? 'async ' : '';
      const text = fn.type === AST_NODE_TYPES.ArrowFunctionExpression
        ? `${asyncPrefix}(${paramText}) => ${body}`
        : `${asyncPrefix}function${fn.generator ? '*' : ''}${fn.id ? ` ${fn.id.name}` : ''}(${paramText}) ${body}`;
      return fixer => fixer.replaceText(fn, text);
    }

    /**
     * True when the chain's value is used (`const found = await x.catch(() => null)`, returned,
     * passed on): the handler turns a failure into a value the code then checks, an existence
     * probe or a fallback, not an error thrown away.
     */
    function chainValueIsUsed(call: TSESTree.CallExpression): boolean {
      const parent = resultNode(call).parent;
      if (!parent) return false;
      if (parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
      return !(parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void');
    }

    /**
     * The handler gives an explicit fallback (`() => null`, `() => { return false; }`) rather than
     * nothing at all (`() => {}`): the code means the value, not silence.
     */
    function yieldsAValue(handler: TSESTree.Node): boolean {
      if (!isFunctionNode(handler)) return false;
      if (handler.body.type !== AST_NODE_TYPES.BlockStatement) return true;
      return handler.body.body.some(statement => statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument !== null);
    }

    /** `client.quit().catch(() => {})`: a best-effort clean-up whose failure carries nothing to act on. */
    function isCleanUpCall(node: TSESTree.Node): boolean {
      const call = skipTypeWrappers(node);
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const method = staticMethodName(call.callee);
      return method !== undefined && CLEAN_UP_METHODS.has(method);
    }

    /**
     * `const ping = () => $.ajax(url).catch(() => {}); setInterval(ping, ms)`: the chain is the whole
     * work of a function only a `setInterval` runs (etherpad-lite's session keep-alive). The next
     * tick does the same work again, and a failed one leaves nothing half done.
     */
    function isWholePeriodicTask(call: TSESTree.CallExpression): boolean {
      const fn = getEnclosingFunction(call);
      if (!fn) return false;
      const work = onlyValueOf(fn);
      return work !== undefined && skipTypeWrappers(work) === skipTypeWrappers(resultNode(call)) && onlyRunByInterval(sourceCode, fn);
    }

    function checkHandler(call: TSESTree.CallExpression, handler: TSESTree.Node | undefined): void {
      if (!handler) return;
      if (call.callee.type === AST_NODE_TYPES.MemberExpression && isObservedElsewhere(call.callee.object)) return;
      // `catch (e) { await closeResultSet().catch(() => {}); throw e; }`: a failed clean-up must not hide the error.
      if (isInsideErrorPath(call)) return;
      if (chainValueIsUsed(call) && yieldsAValue(handler)) return;
      if (call.callee.type === AST_NODE_TYPES.MemberExpression && isCleanUpCall(call.callee.object)) return;
      // `if (navigator.setAppBadge) navigator.setAppBadge(n).catch(() => {})`: a capability the code
      // already treats as optional; where it is refused, the feature does nothing, as where it is missing.
      if (call.callee.type === AST_NODE_TYPES.MemberExpression && isOptionalCapabilityCall(sourceCode, call.callee.object)) return;
      if (isWholePeriodicTask(call)) return;
      // A named no-op (`.catch(ignore)`) is a deliberate choice, spelled out where it is defined.
      if (!isFunctionNode(handler)) return;
      const fn = handler;
      if (!doesNothing(fn) || hasIntentComment(fn)) return;
      const param = fn.params[0];
      if (param && param.type !== AST_NODE_TYPES.Identifier) return;
      const fix = handlerSuggestion(fn);
      context.report({
        node: fn,
        loc: functionHeadLoc(fn, sourceCode),
        messageId: 'emptyHandler',
        suggest: fix ? [{ messageId: 'logError', fix }] : [],
      });
    }

    /**
     * True when the code runs while an error is already being handled: in a `catch` that rethrows
     * (or passes the error on) or in a `finally`. An empty catch or handler there keeps a failed
     * clean-up from hiding the error that matters.
     */
    function isInsideErrorPath(node: TSESTree.Node): boolean {
      const fn = getEnclosingFunction(node);
      let child: TSESTree.Node = node;
      let current: TSESTree.Node | undefined = node.parent;
      while (current && current !== fn) {
        if (current.type === AST_NODE_TYPES.CatchClause && passesErrorOn(current)) return true;
        if (current.type === AST_NODE_TYPES.TryStatement && current.finalizer === child) return true;
        child = current;
        current = current.parent;
      }
      return false;
    }

    /** A catch that rethrows, or hands its error to a call (`callback(error)`, `reject(error)`). */
    function passesErrorOn(clause: TSESTree.CatchClause): boolean {
      const param = clause.param?.type === AST_NODE_TYPES.Identifier ? clause.param.name : undefined;
      return someOwnNode(
        clause.body,
        node =>
          node.type === AST_NODE_TYPES.ThrowStatement ||
          (param !== undefined &&
            node.type === AST_NODE_TYPES.CallExpression &&
            node.arguments.some(argument => argument.type === AST_NODE_TYPES.Identifier && argument.name === param)),
      );
    }

    /** True when every statement of the try block is a clean-up call (awaited or not). */
    function onlyCleansUp(block: TSESTree.BlockStatement): boolean {
      return (
        block.body.length > 0 &&
        block.body.every(statement => {
          if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
          const expression = statement.expression.type === AST_NODE_TYPES.AwaitExpression ? statement.expression.argument : statement.expression;
          return isCleanUpCall(expression);
        })
      );
    }

    /**
     * True when the try block waits for a promise that can reject: an `await` on its own stack, or
     * a promise-returning call. A promise that cannot reject (a function of the file that catches
     * every failure) gives the empty catch nothing to throw away: only sync errors reach it, which
     * are not this rule's business (etherpad-lite's plugin linker awaits its own recursive helper
     * in the `try` that probes for a sub-dependency's package.json).
     */
    function waitsForPromise(block: TSESTree.BlockStatement): boolean {
      const fn = getEnclosingFunction(block);
      let found = false;
      const visit = (node: TSESTree.Node): void => {
        if (found) return;
        if (isFunctionNode(node)) return;
        if (node.type === AST_NODE_TYPES.AwaitExpression && getEnclosingFunction(node) === fn && !rejection.promiseCannotReject(node.argument)) {
          found = true;
          return;
        }
        if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) {
          found = true;
          return;
        }
        if (node.type === AST_NODE_TYPES.CallExpression && evidence.isPromise(node) && !rejection.promiseCannotReject(node)) {
          found = true;
          return;
        }
        for (const child of childNodes(node, sourceCode.visitorKeys)) visit(child);
      };
      visit(block);
      return found;
    }

    /**
     * `try { const request = await result; … } catch {}` where `result` is awaited or returned
     * elsewhere too: the rejection is seen there; this catch only keeps a second await from
     * raising it twice.
     */
    function awaitsOnlyObservedPromises(block: TSESTree.BlockStatement): boolean {
      const awaited: TSESTree.Node[] = [];
      const otherWaits = someOwnNode(block, node => {
        if (node.type === AST_NODE_TYPES.AwaitExpression) awaited.push(skipTypeWrappers(node.argument));
        return (node.type === AST_NODE_TYPES.ForOfStatement && node.await) ||
          (node.type === AST_NODE_TYPES.CallExpression && evidence.isPromise(node));
      });
      return !otherWaits && awaited.length > 0 && awaited.every(argument => isObservedElsewhere(argument));
    }

    /**
     * `promises.map(async promise => { try { await promise; } catch {} })`: a callback that does
     * nothing but await the promise it is handed and drop its failure turns those promises into
     * ones that ignore it, on purpose, the same choice as `.catch(ignore)` on each. (A function of
     * its own that callers hand their promises to is another matter: they lose their errors.)
     */
    function onlyIgnoresItsParameter(tryStatement: TSESTree.TryStatement): boolean {
      const fn = getEnclosingFunction(tryStatement);
      if (fn?.parent.type !== AST_NODE_TYPES.CallExpression || !fn.parent.arguments.some(argument => argument === fn)) return false;
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement || fn.body.body.length !== 1 || fn.body.body[0] !== tryStatement) return false;
      const only = tryStatement.block.body.length === 1 ? tryStatement.block.body[0]! : undefined;
      if (only?.type !== AST_NODE_TYPES.ExpressionStatement || only.expression.type !== AST_NODE_TYPES.AwaitExpression) return false;
      const argument = skipTypeWrappers(only.expression.argument);
      return argument.type === AST_NODE_TYPES.Identifier &&
        fn.params.some(param => param.type === AST_NODE_TYPES.Identifier && param.name === argument.name);
    }

    /**
     * `try { heartbeat.ping = await ping(host); } catch {}`: the only step stores the awaited value,
     * so a failure leaves the previous value in place, the same fallback as
     * `heartbeat.ping = await ping(host).catch(() => undefined)`.
     */
    function onlyAssignsAwaitedValue(block: TSESTree.BlockStatement): boolean {
      const only = block.body.length === 1 ? block.body[0]! : undefined;
      return only?.type === AST_NODE_TYPES.ExpressionStatement &&
        only.expression.type === AST_NODE_TYPES.AssignmentExpression &&
        only.expression.operator === '=' &&
        only.expression.right.type === AST_NODE_TYPES.AwaitExpression;
    }

    /**
     * `try { …; callback({ ok: true, code }); return; } catch {} callback({ ok: false, msg: 'Not found' });`:
     * the try returns its answer, so the statement after it runs exactly when the try found
     * nothing or failed, and it tells the caller so: it throws, or answers through a function the
     * caller handed in (a callback, an ack, reject). A silent default after it (`return {}`) is
     * the pitfall: a corrupt file and a missing one look alike.
     */
    function failureFallsThrough(tryStatement: TSESTree.TryStatement): boolean {
      if (!someOwnNode(tryStatement.block, node => node.type === AST_NODE_TYPES.ReturnStatement)) return false;
      const parent = tryStatement.parent;
      if (parent.type !== AST_NODE_TYPES.BlockStatement) return false;
      const next = parent.body[parent.body.indexOf(tryStatement) + 1];
      if (next?.type === AST_NODE_TYPES.ThrowStatement) return true;
      if (next?.type !== AST_NODE_TYPES.ExpressionStatement || next.expression.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = next.expression.callee;
      if (callee.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, callee);
      return variable?.defs.some(definition => definition.type === 'Parameter') ?? false;
    }

    function catchSuggestion(clause: TSESTree.CatchClause): TSESLint.ReportFixFunction | undefined {
      if (!consoleIsGlobal(clause)) return undefined;
      const param = clause.param;
      if (param && param.type !== AST_NODE_TYPES.Identifier) return undefined;
      if (param) return fixer => fixer.replaceText(clause.body, `{ console.error(${param.name}); }`);
      return fixer => fixer.replaceTextRange(
        [clause.range[0], clause.body.range[1]],
        `catch (${ERROR_NAME}) { console.error(${ERROR_NAME}); }`,
      );
    }

    /** True when some use of the binding (not its declaration) matches; true when unresolvable. */
    function someUseOf(binding: TSESTree.Identifier, matches: (use: TSESTree.Identifier) => boolean): boolean {
      const variable = variableOf(sourceCode, binding);
      if (!variable) return true;
      return variable.references.some(reference => !reference.init && matches(reference.identifier as TSESTree.Identifier));
    }

    /**
     * `r.status === 'fulfilled' ? r.value : []`, or an `if` on it with an `else`: the code gives a
     * rejected result its own value or path, the same decision as `.catch(() => [])`.
     */
    function decidesBothWays(test: TSESTree.Node): boolean {
      const parent = test.parent;
      if (parent?.type === AST_NODE_TYPES.ConditionalExpression) return parent.test === test;
      return parent?.type === AST_NODE_TYPES.IfStatement && parent.test === test && parent.alternate !== null;
    }

    /**
     * True when the value of `element` (one settled result) is used for more than its fulfilled
     * value: its `reason`, its status compared with anything but "fulfilled", or passed on whole.
     */
    function elementReadForRejection(element: TSESTree.Identifier): boolean {
      return someUseOf(element, use => {
        const parent = use.parent;
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return true;
        const property = staticMethodName(parent);
        if (property === 'value') return false;
        if (property !== 'status') return true;
        const comparison = parent.parent;
        if (
          comparison?.type === AST_NODE_TYPES.BinaryExpression &&
          ['===', '==', '!==', '!='].includes(comparison.operator)
        ) {
          const other = comparison.left === parent ? comparison.right : comparison.left;
          return !(other.type === AST_NODE_TYPES.Literal && other.value === 'fulfilled') || decidesBothWays(comparison);
        }
        return true;
      });
    }

    /**
     * Whether a callback given the settled result(s) can see a rejection: not when it takes no
     * parameter; yes when it is not an inline function or destructures its parameter.
     */
    function callbackReadsForRejection(
      callback: TSESTree.Node | undefined,
      readsForRejection: (param: TSESTree.Identifier) => boolean,
    ): boolean {
      if (!callback || !isFunctionNode(callback)) return true;
      const param = callback.params[0];
      if (!param) return false;
      return param.type !== AST_NODE_TYPES.Identifier || readsForRejection(param);
    }

    /** True when some use of the array of settled results can see a rejection. */
    function resultsReadForRejection(results: TSESTree.Identifier): boolean {
      return someUseOf(results, use => {
        const parent = use.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use) {
          const method = staticMethodName(parent);
          if (method === 'length') return false;
          const call = parent.parent;
          if (
            method !== undefined &&
            ELEMENT_CALLBACK_METHODS.has(method) &&
            call?.type === AST_NODE_TYPES.CallExpression &&
            call.callee === parent
          ) {
            return callbackReadsForRejection(call.arguments[0], elementReadForRejection);
          }
          return true;
        }
        if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === use) {
          const left = parent.left;
          if (left.type !== AST_NODE_TYPES.VariableDeclaration) return true;
          const id = left.declarations[0]?.id;
          return id?.type !== AST_NODE_TYPES.Identifier || elementReadForRejection(id);
        }
        return true;
      });
    }

    /** True when the result of an allSettled call (the call, or the await around it) is read for rejections. */
    function settledReadForRejection(call: TSESTree.CallExpression): boolean {
      const result = resultNode(call);
      const parent = result.parent;
      if (!parent) return true;
      if (parent.type === AST_NODE_TYPES.ExpressionStatement) return false;
      if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === result) {
        if (parent.id.type === AST_NODE_TYPES.Identifier) return resultsReadForRejection(parent.id);
        if (parent.id.type === AST_NODE_TYPES.ArrayPattern) {
          // Every result taken out must be looked at for its rejection.
          return parent.id.elements.every(element =>
            element === null || element.type !== AST_NODE_TYPES.Identifier || elementReadForRejection(element));
        }
        return true;
      }
      // `Promise.allSettled(x).then(results => …)` without an await.
      if (
        result === call &&
        parent.type === AST_NODE_TYPES.MemberExpression &&
        parent.object === call &&
        staticMethodName(parent) === 'then' &&
        parent.parent?.type === AST_NODE_TYPES.CallExpression &&
        parent.parent.callee === parent
      ) {
        return callbackReadsForRejection(parent.parent.arguments[0], resultsReadForRejection);
      }
      return true;
    }

    /** The value a function gives back: its expression body, or the value of its only statement. */
    function onlyValueOf(fn: FunctionNode): TSESTree.Node | undefined {
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
      const only = fn.body.body.length === 1 ? fn.body.body[0]! : undefined;
      if (only?.type === AST_NODE_TYPES.ReturnStatement) return only.argument ?? undefined;
      if (only?.type === AST_NODE_TYPES.ExpressionStatement) return only.expression;
      return undefined;
    }

    /**
     * `Promise.allSettled([a.close(), b.close()])`, `Promise.allSettled(servers.map(s => s.close()))`:
     * settling clean-ups so that one failed close does not skip the others, the same best-effort
     * clean-up as `close().catch(() => {})`.
     */
    function settlesOnlyCleanUps(call: TSESTree.CallExpression): boolean {
      const list = call.arguments.length === 1 ? skipTypeWrappers(call.arguments[0]!) : undefined;
      if (list?.type === AST_NODE_TYPES.ArrayExpression) {
        return list.elements.length > 0 &&
          list.elements.every(element => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isCleanUpCall(element));
      }
      if (list?.type !== AST_NODE_TYPES.CallExpression || staticMethodName(list.callee) !== 'map') return false;
      const callback = list.arguments[0];
      if (!callback || !isFunctionNode(callback)) return false;
      const value = onlyValueOf(callback);
      return value !== undefined && isCleanUpCall(value.type === AST_NODE_TYPES.AwaitExpression ? value.argument : value);
    }

    return {
      CallExpression(node) {
        const method = staticMethodName(node.callee);
        if (method === 'catch' && node.arguments.length === 1) {
          checkHandler(node, node.arguments[0]);
        } else if (method === 'then' && node.arguments.length === 2) {
          checkHandler(node, node.arguments[1]);
        } else if (method === 'allSettled') {
          const name = resolveName(sourceCode, node.callee);
          if (!name || name.source !== undefined || name.path.join('.') !== 'Promise.allSettled') return;
          if (!settledReadForRejection(node) && !settlesOnlyCleanUps(node)) context.report({ node, messageId: 'unreadAllSettled' });
        }
      },
      CatchClause(clause) {
        if (clause.body.body.length > 0 || sourceCode.getCommentsInside(clause.body).length > 0) return;
        const tryStatement = clause.parent;
        if (!waitsForPromise(tryStatement.block)) return;
        if (isInsideErrorPath(tryStatement) || onlyCleansUp(tryStatement.block) || hasIntentComment(tryStatement)) return;
        if (awaitsOnlyObservedPromises(tryStatement.block) || onlyIgnoresItsParameter(tryStatement)) return;
        if (onlyAssignsAwaitedValue(tryStatement.block) || failureFallsThrough(tryStatement)) return;
        const fix = catchSuggestion(clause);
        context.report({
          node: clause,
          messageId: 'emptyCatch',
          suggest: fix ? [{ messageId: 'logError', fix }] : [],
        });
      },
    };
  },
});
