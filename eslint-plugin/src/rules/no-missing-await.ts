import type { JSONSchema, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';

import { bindsLooserThanUnary } from '../util/ast';
import { createRule } from '../util/createRule';
import type { CodeContextName } from '../util/context';
import { contextsOptionSchema } from '../util/context';
import { canAwaitAt, getEnclosingFunction } from '../util/functions';
import { canonicalName, normalizeModuleSource, resolveName, staticPropertyName } from '../util/imports';
import type { PromiseEvidence, PromiseFunctionList } from '../util/promise-evidence';
import { createPromiseEvidence } from '../util/promise-evidence';
import { variableOf } from '../util/scope/variables';

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
        'This promise is never awaited or handled: its work races ahead and a rejection becomes an unhandled rejection (avoid forgetting await). Await it, return it, add `.catch(…)`, or mark it `void`.',
      floatingArray:
        'These promises are never awaited or handled: their work races ahead and rejections become unhandled (avoid forgetting await). Await them with `Promise.all(…)`.',
      floatingUselessHandler:
        'This promise is never awaited or handled: its rejection handler is not a function, so a rejection stays unhandled (avoid forgetting await). Pass a function, or await it.',
      returnInTry:
        'This promise is returned without `await` inside `try`: its rejection escapes this catch/finally (avoid forgetting await). Use `return await`.',
      addAwait: 'Add `await`.',
      addVoid: 'Mark it as deliberately not awaited with `void` (a rejection stays unhandled).',
      addCatch: 'Handle a rejection with `.catch(…)` that logs the error.',
      awaitAll: 'Await them all with `await Promise.all(…)`.',
      returnAwait: 'Use `return await`.',
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
        if (awaitAllowed) {
          suggest.push({
            messageId: 'awaitAll',
            fix: fixer => [fixer.insertTextBefore(expression, 'await Promise.all('), fixer.insertTextAfter(expression, ')')],
          });
        }
      } else {
        if (awaitAllowed) suggest.push({ messageId: 'addAwait', fix: fixer => wrapWith(fixer, expression, 'await ') });
        suggest.push({ messageId: 'addVoid', fix: fixer => wrapWith(fixer, expression, 'void ') });
        if (finding === 'floating') suggest.push({ messageId: 'addCatch', fix: fixer => appendCatch(fixer, expression) });
      }
      context.report({ node: statement, messageId: finding, suggest });
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

    return {
      ExpressionStatement(node) {
        // Directives ('use strict') are expression statements too.
        if (node.directive !== undefined) return;
        const finding = findUnhandled(node.expression);
        if (finding) reportStatement(node, finding);
      },
      ReturnStatement(node) {
        if (options.checkReturnInTry === false || !node.argument) return;
        const fn = getEnclosingFunction(node);
        if (!fn?.async || fn.generator || !escapesTry(node, fn)) return;
        const argument = node.argument;
        if (argument.type === AST_NODE_TYPES.AwaitExpression || !evidence.isPromise(argument)) return;
        if (awaitedBefore(argument, node)) return;
        context.report({
          node: argument,
          messageId: 'returnInTry',
          suggest: [{ messageId: 'returnAwait', fix: fixer => wrapWith(fixer, argument, 'await ') }],
        });
      },
    };
  },
});
