import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/ast-utils';

import { createRule } from '../util/createRule';
import type { CodeContextName } from '../util/context';
import { contextsOptionSchema } from '../util/context';
import { concurrencyLimitFix } from '../util/fix/concurrency-limit';
import { callReportLocation } from '../util/function-head';
import type { FunctionNode } from '../util/functions';
import { resolveLocalFunction } from '../util/functions';
import { resolveName, skipTypeWrappers, staticPropertyName } from '../util/imports';
import { createIoEvidence } from '../util/io-calls';
import { dependencyVersion } from '../util/project/dependency-version';
import { projectDependencies } from '../util/project/package-manifest';
import { getTypeServices } from '../util/type-services';
import { someOwnNode } from '../util/walk';
import { variableOf } from '../util/scope/variables';

/** Where the rule reports by default (see the `contexts` option). */
const DEFAULT_CONTEXTS: CodeContextName[] = ['long-running', 'startup'];

export type Options = [
  {
    /** Where the rule reports (see `util/context`). */
    contexts?: CodeContextName[];
    /** A `.slice(0, n)` with n at most this is a small collection. */
    smallLength?: number;
  },
];

export type MessageIds = 'unbounded' | 'unboundedPLimit' | 'limitWithPLimit' | 'limitInline';

const COMBINATORS = new Set(['all', 'allSettled']);
/** How many at a time the suggestion writes: a handful of sockets or files, enough to keep the pipe full. */
const CONCURRENCY_LIMIT = 8;
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;
const MAX_DEPTH = 4;
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'concat', 'fill']);

function isArrayLiteralWithoutSpread(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrayExpression && node.elements.every(element => element?.type !== AST_NODE_TYPES.SpreadElement);
}

export default createRule<Options, MessageIds>({
  name: 'no-unbounded-concurrency',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow starting network or file I/O for every item of an unbounded list at once',
      // In no preset: whether a list is long is rarely written in the code, and on the labeled
      // corpus (eval/) no report of this rule was one its owner would act on.
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      unbounded:
        'This starts {{what}} for every item of a list of unknown length at once; a long list exhausts sockets, file handles or the server. Limit concurrency: run at most a few items at a time (say {{limit}}) and start the next one as one finishes, with a small limiter function or a package such as p-limit.',
      unboundedPLimit:
        'This starts {{what}} for every item of a list of unknown length at once; a long list exhausts sockets, file handles or the server. Limit concurrency with p-limit, which the project already uses: run at most a few items at a time (say {{limit}}).',
      limitWithPLimit: 'Limit to {{limit}} at a time with p-limit',
      limitInline: 'Limit to {{limit}} at a time with a limiter function',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          contexts: contextsOptionSchema(DEFAULT_CONTEXTS),
          smallLength: {
            type: 'integer',
            minimum: 0,
            description: 'A collection cut with `.slice(0, n)` where n is at most this many items is small enough to run at once.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ contexts: DEFAULT_CONTEXTS, smallLength: 16 }],
  create(context, [{ smallLength = 16 }]) {
    const sourceCode = context.sourceCode;
    // File calls queue on libuv's thread pool whatever the caller starts; requests and queries do not.
    const io = createIoEvidence(sourceCode, { files: false });
    const typeServices = getTypeServices(context);

    function isGlobal(node: TSESTree.Node, path: string): boolean {
      const name = resolveName(sourceCode, node);
      return name !== undefined && name.source === undefined && name.path.join('.') === path;
    }

    /** An identifier bound once to a literal array that is never grown. */
    function isConstantLiteralArray(identifier: TSESTree.Identifier): boolean {
      const variable = variableOf(sourceCode, identifier);
      if (!variable || variable.defs.length !== 1) return false;
      const definition = variable.defs[0]!;
      if (definition.type !== 'Variable' || !definition.node.init) return false;
      if (definition.node.id.type === AST_NODE_TYPES.Identifier && hasTupleAnnotation(definition.node.id)) return true;
      if (!isArrayLiteralWithoutSpread(skipTypeWrappers(definition.node.init))) return false;
      return variable.references.every(reference => {
        if (reference.isWrite()) return reference.init === true;
        const parent = reference.identifier.parent;
        if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference.identifier) {
          const method = staticPropertyName(parent);
          if (method !== undefined && MUTATING_METHODS.has(method)) return false;
          if (method === 'length' && parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent) return false;
          if (parent.computed && parent.parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent) return false;
        }
        return true;
      });
    }

    function hasTupleAnnotation(node: TSESTree.Identifier): boolean {
      let annotation = node.typeAnnotation?.typeAnnotation;
      if (annotation?.type === AST_NODE_TYPES.TSTypeOperator) annotation = annotation.typeAnnotation;
      return annotation?.type === AST_NODE_TYPES.TSTupleType && !annotation.elementTypes.some(element => element.type === AST_NODE_TYPES.TSRestType);
    }

    function isTupleParameterOrVariable(identifier: TSESTree.Identifier): boolean {
      const variable = variableOf(sourceCode, identifier);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (!definition) return false;
      const name = definition.name;
      return name.type === AST_NODE_TYPES.Identifier && hasTupleAnnotation(name);
    }

    function isTupleByTypes(node: TSESTree.Node): boolean {
      if (!typeServices) return false;
      const checker = typeServices.program.getTypeChecker();
      const type = typeServices.getTypeAtLocation(node);
      const parts = type.isUnion() ? type.types : [type];
      return parts.every(part => checker.isTupleType(part) && !(part as { target?: { hasRestElement?: boolean } }).target?.hasRestElement);
    }

    function isSmallObject(node: TSESTree.Node): boolean {
      const target = skipTypeWrappers(node);
      if (target.type === AST_NODE_TYPES.ObjectExpression) {
        return target.properties.every(property => property.type === AST_NODE_TYPES.Property);
      }
      if (target.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, target);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.type !== 'Variable' || !definition.node.init || definition.node.parent.kind !== 'const') return false;
      const init = skipTypeWrappers(definition.node.init);
      return init.type === AST_NODE_TYPES.ObjectExpression && init.properties.every(property => property.type === AST_NODE_TYPES.Property);
    }

    /** Every `return` of the function gives a known-small collection (`get files() { return [a, b] }`). */
    function returnsOnlySmall(fn: FunctionNode, depth: number): boolean {
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return isKnownSmall(fn.body, depth + 1);
      const returned: (TSESTree.Expression | null)[] = [];
      someOwnNode(fn.body, node => {
        if (node.type === AST_NODE_TYPES.ReturnStatement) returned.push(node.argument);
        return false;
      });
      return returned.length > 0 && returned.every(argument => argument !== null && isKnownSmall(argument, depth + 1));
    }

    /** The getter `this.name` reads, in the class the code is written in. */
    function thisGetter(member: TSESTree.MemberExpression): FunctionNode | undefined {
      if (member.object.type !== AST_NODE_TYPES.ThisExpression || member.computed) return undefined;
      const property = member.property;
      for (let current: TSESTree.Node | undefined = member.parent; current; current = current.parent) {
        if (current.type !== AST_NODE_TYPES.ClassBody) continue;
        const getter = current.body.find(
          element =>
            element.type === AST_NODE_TYPES.MethodDefinition &&
            element.kind === 'get' &&
            !element.static &&
            element.key.type === property.type &&
            (element.key as { name?: string }).name === (property as { name?: string }).name,
        ) as TSESTree.MethodDefinition | undefined;
        return getter?.value.type === AST_NODE_TYPES.FunctionExpression ? getter.value : undefined;
      }
      return undefined;
    }

    /**
     * A collection whose length is known and small: a literal, a constant literal, a tuple, a small
     * slice, or what a same-file function or getter always returns as one of those.
     */
    function isKnownSmall(collection: TSESTree.Node, depth = 0): boolean {
      if (depth > MAX_DEPTH) return false;
      const node = skipTypeWrappers(collection);
      if (node.type === AST_NODE_TYPES.MemberExpression) {
        const getter = thisGetter(node);
        if (getter && returnsOnlySmall(getter, depth)) return true;
      }
      if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0) {
        const local = resolveLocalFunction(sourceCode, node.callee);
        if (local && !local.async && returnsOnlySmall(local, depth)) return true;
      }
      if (node.type === AST_NODE_TYPES.ArrayExpression) {
        return node.elements.every(element => element?.type !== AST_NODE_TYPES.SpreadElement || isKnownSmall(element.argument, depth + 1));
      }
      if (node.type === AST_NODE_TYPES.Identifier && (isConstantLiteralArray(node) || isTupleParameterOrVariable(node))) return true;
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
        const method = staticPropertyName(node.callee);
        // Object.keys/values/entries of an object literal.
        if (
          (method === 'keys' || method === 'values' || method === 'entries') &&
          isGlobal(node.callee.object, 'Object') &&
          node.arguments[0] !== undefined &&
          isSmallObject(node.arguments[0])
        ) {
          return true;
        }
        if (method === 'slice' && node.arguments.length === 2) {
          const [start, end] = node.arguments;
          if (
            start?.type === AST_NODE_TYPES.Literal && start.value === 0 &&
            end?.type === AST_NODE_TYPES.Literal && typeof end.value === 'number' && end.value <= smallLength
          ) {
            return true;
          }
        }
        // Filtering or mapping a small collection keeps it small.
        if ((method === 'filter' || method === 'map') && isKnownSmall(node.callee.object, depth + 1)) return true;
      }
      return isTupleByTypes(node);
    }

    /** `xs.map(cb)`, `[...xs].map(cb)`, `Array.from(xs, cb)`: the call, the collection and the callback. */
    function mappedCollection(
      argument: TSESTree.Node,
    ): { call: TSESTree.CallExpression; collection: TSESTree.Node; callback: TSESTree.Node } | undefined {
      const node = skipTypeWrappers(argument);
      if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = staticPropertyName(node.callee);
      if (method === 'map' && node.arguments[0]) {
        let collection: TSESTree.Node = skipTypeWrappers(node.callee.object);
        if (
          collection.type === AST_NODE_TYPES.ArrayExpression &&
          collection.elements.length === 1 &&
          collection.elements[0]?.type === AST_NODE_TYPES.SpreadElement
        ) {
          collection = collection.elements[0].argument;
        }
        return { call: node, collection, callback: node.arguments[0] };
      }
      if (method === 'from' && isGlobal(node.callee.object, 'Array') && node.arguments[0] && node.arguments[1]) {
        return { call: node, collection: node.arguments[0], callback: node.arguments[1] };
      }
      return undefined;
    }

    function describeWork(callback: TSESTree.Node): string {
      const fn = resolveLocalFunction(sourceCode, skipTypeWrappers(callback));
      const name = fn ? undefined : resolveName(sourceCode, skipTypeWrappers(callback));
      if (name?.source === undefined && name?.path.join('.') === 'fetch') return 'a request';
      return 'network or file I/O';
    }

    let pLimitVersion: ReturnType<typeof dependencyVersion> | null | undefined;
    /** The version of p-limit the project depends on (its floor when not installed), or null when it does not. */
    function projectPLimit(): ReturnType<typeof dependencyVersion> | null {
      pLimitVersion ??= projectDependencies(context.filename).has('p-limit') ? dependencyVersion(context.filename, 'p-limit') : null;
      return pLimitVersion;
    }

    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
        const method = staticPropertyName(callee);
        if (method === undefined || !COMBINATORS.has(method) || !isGlobal(callee.object, 'Promise')) return;
        const argument = node.arguments[0];
        if (!argument) return;
        const mapped = mappedCollection(argument);
        if (!mapped || isKnownSmall(mapped.collection)) return;
        if (!io.callsIo(skipTypeWrappers(mapped.callback))) return;
        const pLimit = projectPLimit();
        const limit = concurrencyLimitFix(sourceCode, mapped.call, mapped.callback, CONCURRENCY_LIMIT, {
          typed: TYPESCRIPT_FILE.test(context.filename),
          pLimit: pLimit === null ? undefined : { version: pLimit },
        });
        const descriptor: TSESLint.ReportDescriptor<MessageIds> = {
          node: argument,
          // `urls.map(async url =>`, not the callback's body.
          loc: callReportLocation(argument, sourceCode),
          messageId: pLimit === null ? 'unbounded' : 'unboundedPLimit',
          data: { what: describeWork(mapped.callback), limit: String(CONCURRENCY_LIMIT) },
          suggest: limit
            ? [{ messageId: limit.usesPLimit ? 'limitWithPLimit' : 'limitInline', data: { limit: String(CONCURRENCY_LIMIT) }, fix: limit.fix }]
            : [],
        };
        context.report(descriptor);
      },
    };
  },
});
