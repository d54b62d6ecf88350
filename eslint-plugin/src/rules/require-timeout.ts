import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/ast-utils';

import { childNodes } from '../util/ast';
import { createRule } from '../util/createRule';
import type { CodeContextName } from '../util/context';
import { contextsOptionSchema, getCodeContext } from '../util/context';
import { callReportLocation } from '../util/function-head';
import type { FunctionNode } from '../util/functions';
import { getEnclosingFunction, isFunctionNode } from '../util/functions';
import type { ResolvedName } from '../util/imports';
import { resolveName, staticPropertyName } from '../util/imports';
import { isGlobalAt, isNeverReassigned, variableNamedAt, variableOf } from '../util/scope/variables';
import { onlyRunByInterval } from '../util/timers';
import { someOwnNode } from '../util/walk';

/** Where the rule reports by default (see the `contexts` option). */
const DEFAULT_CONTEXTS: CodeContextName[] = ['long-running', 'startup'];

export type Options = [
  {
    /** Where the rule reports (see `util/context`). */
    contexts?: CodeContextName[];
    /** The time limit the suggestion writes, in milliseconds. */
    defaultTimeoutMs?: number;
    /** Calls not to report: a library (`fetch`, `http`, `https`, `axios`, `got`, `undici`) or one call (`undici.request`). */
    allow?: string[];
  },
];

export type MessageIds = 'missingTimeout' | 'addTimeout';

type Library = 'fetch' | 'http' | 'https' | 'axios' | 'got' | 'undici';

/** How a library bounds a request, and where its options go. */
interface RequestCall {
  library: Library;
  /** `axios.get`, `fetch`: the name reported and matched by `allow`. */
  display: string;
  /** Option keys that bound the wait. */
  bounds: readonly string[];
  /** Position of the options object among the arguments; 'http' for Node's flexible signature. */
  optionsIndex: number | 'http' | 'axios';
  /** The option the suggestion adds. */
  option: (ms: number) => string;
}

const SIGNAL_OPTION = (ms: number): string => `signal: AbortSignal.timeout(${ms})`;
const AXIOS_OPTION = (ms: number): string => `timeout: ${ms}`;
const GOT_OPTION = (ms: number): string => `timeout: { request: ${ms} }`;

const AXIOS_URL_CONFIG = new Set(['get', 'delete', 'head', 'options']);
const AXIOS_URL_DATA_CONFIG = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream']);

function classify(name: ResolvedName): RequestCall | undefined {
  const path = name.path;
  const method = path.join('.');
  if (name.source === undefined) {
    if (method === 'fetch' || method === 'globalThis.fetch') {
      return { library: 'fetch', display: 'fetch', bounds: ['signal'], optionsIndex: 1, option: SIGNAL_OPTION };
    }
    return undefined;
  }
  const source = name.source;
  if ((source === 'http' || source === 'https') && (method === 'get' || method === 'request')) {
    return { library: source, display: `${source}.${method}`, bounds: ['timeout', 'signal'], optionsIndex: 'http', option: SIGNAL_OPTION };
  }
  if (source === 'undici' && (method === 'request' || method === 'stream')) {
    return {
      library: 'undici',
      display: `undici.${method}`,
      bounds: ['signal', 'headersTimeout', 'bodyTimeout'],
      optionsIndex: 1,
      option: SIGNAL_OPTION,
    };
  }
  if (source === 'undici' && method === 'fetch') {
    return { library: 'undici', display: 'undici.fetch', bounds: ['signal'], optionsIndex: 1, option: SIGNAL_OPTION };
  }
  if (source === 'axios') {
    const bounds = ['timeout', 'signal'];
    if (method === '') return { library: 'axios', display: 'axios', bounds, optionsIndex: 'axios', option: AXIOS_OPTION };
    if (method === 'request' || method === 'create') {
      return { library: 'axios', display: `axios.${method}`, bounds, optionsIndex: 0, option: AXIOS_OPTION };
    }
    if (AXIOS_URL_CONFIG.has(method)) {
      return { library: 'axios', display: `axios.${method}`, bounds, optionsIndex: 1, option: AXIOS_OPTION };
    }
    if (AXIOS_URL_DATA_CONFIG.has(method)) {
      return { library: 'axios', display: `axios.${method}`, bounds, optionsIndex: 2, option: AXIOS_OPTION };
    }
    return undefined;
  }
  if (source === 'got' && (method === '' || GOT_METHODS.has(method))) {
    return {
      library: 'got',
      display: method === '' ? 'got' : `got.${method}`,
      bounds: ['timeout', 'signal'],
      optionsIndex: 1,
      option: GOT_OPTION,
    };
  }
  return undefined;
}

/** A time limit as a person writes it: `10 s`, `1.5 s`, `500 ms`. */
function formatDuration(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function isStringLike(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    node.type === AST_NODE_TYPES.TemplateLiteral ||
    (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+' && (isStringLike(node.left) || isStringLike(node.right)))
  );
}

/** A URL (or `//host`) naming this machine. */
const LOOPBACK_URL = /^(?:[a-z]+:)?\/\/(?:localhost|127(?:\.\d+){3}|\[::1\]|0\.0\.0\.0)(?::|\/|$)/i;

function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

/** Where the options of a call are, as far as the code shows. */
type OptionsPlace =
  | { kind: 'literal'; object: TSESTree.ObjectExpression }
  | { kind: 'missing'; insertBefore?: TSESTree.Node; padding: number }
  | { kind: 'unknown' };

export default createRule<Options, MessageIds>({
  name: 'require-timeout',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a time limit on network requests',
      recommended: 'strict',
      usesTypeInformation: false,
    },
    hasSuggestions: true,
    messages: {
      missingTimeout:
        "'{{call}}' waits for the network {{wait}}: bound it with {{bound}}.",
      addTimeout: 'Add a {{duration}} timeout',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          contexts: contextsOptionSchema(DEFAULT_CONTEXTS),
          defaultTimeoutMs: {
            type: 'integer',
            minimum: 1,
            description: 'The time limit the suggestion writes, in milliseconds. Default 10000.',
          },
          allow: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              "Calls not to report: a whole library ('fetch', 'http', 'https', 'axios', 'got', 'undici') or one call ('undici.request', 'axios.get').",
          },
        },
      },
    ],
  },
  defaultOptions: [{ contexts: DEFAULT_CONTEXTS, defaultTimeoutMs: 10000, allow: [] }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const timeoutMs = options.defaultTimeoutMs ?? 10000;
    const allowed = new Set(options.allow ?? []);
    const pendingAxios: (() => void)[] = [];
    let axiosHasDefaultTimeout = false;

    /** A string, a template, `new URL(…)`, or a constant bound to one of them. */
    function isUrlLike(node: TSESTree.Node, depth = 0): boolean {
      if (isStringLike(node)) return true;
      if (node.type === AST_NODE_TYPES.NewExpression) {
        const name = resolveName(sourceCode, node.callee);
        return name !== undefined && name.path.join('.') === 'URL';
      }
      if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
        const variable = variableOf(sourceCode, node);
        const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
        if (
          definition?.type === 'Variable' &&
          definition.parent.kind === 'const' &&
          definition.node.id.type === AST_NODE_TYPES.Identifier &&
          definition.node.init
        ) {
          return isUrlLike(definition.node.init, depth + 1);
        }
      }
      return false;
    }

    function objectPlace(node: TSESTree.Node | undefined, index: number, call: TSESTree.CallExpression): OptionsPlace {
      if (!node) return { kind: 'missing', padding: index - call.arguments.length };
      if (node.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'literal', object: node };
      return { kind: 'unknown' };
    }

    function findOptions(call: TSESTree.CallExpression, request: RequestCall): OptionsPlace {
      const args = call.arguments;
      if (args.some(arg => arg.type === AST_NODE_TYPES.SpreadElement)) return { kind: 'unknown' };
      const first = args[0];
      if (request.optionsIndex === 0) return objectPlace(first, 0, call);
      if (!first) return { kind: 'unknown' };
      if (request.optionsIndex === 'http') {
        // http.get(options[, callback]) or http.get(url[, options][, callback]).
        if (first.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'literal', object: first };
        if (!isUrlLike(first)) return { kind: 'unknown' };
        const second = args[1];
        if (!second) return { kind: 'missing', padding: 0 };
        if (second.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'literal', object: second };
        if (second.type === AST_NODE_TYPES.ArrowFunctionExpression || second.type === AST_NODE_TYPES.FunctionExpression) {
          return { kind: 'missing', insertBefore: second, padding: 0 };
        }
        return { kind: 'unknown' };
      }
      if (request.optionsIndex === 'axios') {
        // axios(config) or axios(url[, config]).
        if (first.type === AST_NODE_TYPES.ObjectExpression) return { kind: 'literal', object: first };
        if (!isUrlLike(first)) return { kind: 'unknown' };
        return objectPlace(args[1], 1, call);
      }
      // fetch(new Request(url, init)): the request may carry its own signal.
      if (first.type === AST_NODE_TYPES.NewExpression) return { kind: 'unknown' };
      // got(options) with the URL inside the options.
      if (request.library === 'got' && first.type === AST_NODE_TYPES.ObjectExpression && args.length === 1) {
        return { kind: 'literal', object: first };
      }
      return objectPlace(args[request.optionsIndex], request.optionsIndex, call);
    }

    function isBounded(object: TSESTree.ObjectExpression, request: RequestCall): boolean | undefined {
      for (const property of object.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) return undefined;
        const key = propertyKey(property);
        if (key === undefined) return undefined;
        if (request.bounds.includes(key)) return true;
      }
      return false;
    }

    /** `const req = http.get(…); req.setTimeout(ms)` or `http.get(…).setTimeout(ms)`. */
    function hasSocketTimeoutCall(call: TSESTree.CallExpression): boolean {
      const isSetTimeoutOn = (node: TSESTree.Node): boolean => {
        const parent = node.parent;
        return (
          parent?.type === AST_NODE_TYPES.MemberExpression &&
          parent.object === node &&
          !parent.computed &&
          parent.property.type === AST_NODE_TYPES.Identifier &&
          parent.property.name === 'setTimeout'
        );
      };
      if (isSetTimeoutOn(call)) return true;
      const parent = call.parent;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(sourceCode, parent.id);
        return variable?.references.some(reference => isSetTimeoutOn(reference.identifier)) ?? false;
      }
      return false;
    }

    /**
     * Whether anything waits for the answer of a `node:http(s)` request: a response callback, a
     * `'response'` listener, or a request object handed on. A request written and forgotten
     * (`const req = http.request(o); req.write(body); req.end();`) cannot hang anybody.
     */
    function waitsForResponse(call: TSESTree.CallExpression): boolean {
      if (call.arguments.some(isFunctionNode)) return true;
      const listensForResponse = (node: TSESTree.Node): boolean => {
        const member = node.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node) return true;
        const method = staticPropertyName(member);
        const use = member.parent;
        if (use?.type !== AST_NODE_TYPES.CallExpression || use.callee !== member) return true;
        if (method === 'on' || method === 'once' || method === 'addListener') {
          const event = use.arguments[0];
          if (event?.type === AST_NODE_TYPES.Literal && event.value === 'response') return true;
          return use.parent?.type === AST_NODE_TYPES.ExpressionStatement ? false : listensForResponse(use);
        }
        return !(method === 'write' || method === 'end' || method === 'setHeader' || method === 'destroy');
      };
      const parent = call.parent;
      if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return false;
      if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(sourceCode, parent.id);
        if (!variable) return true;
        return variable.references.some(reference => !reference.init && listensForResponse(reference.identifier));
      }
      return listensForResponse(call);
    }

    function suggestion(place: OptionsPlace, call: TSESTree.CallExpression, option: string): TSESLint.ReportFixFunction | undefined {
      if (place.kind === 'literal') {
        const last = place.object.properties[place.object.properties.length - 1];
        if (!last) return fixer => fixer.replaceText(place.object, `{ ${option} }`);
        return fixer => fixer.insertTextAfter(last, `, ${option}`);
      }
      if (place.kind !== 'missing') return undefined;
      if (place.insertBefore) {
        const before = place.insertBefore;
        return fixer => fixer.insertTextBefore(before, `{ ${option} }, `);
      }
      const lastArgument = call.arguments[call.arguments.length - 1];
      if (!lastArgument) {
        const closing = sourceCode.getLastToken(call);
        if (place.padding !== 0 || closing?.value !== ')') return undefined;
        return fixer => fixer.insertTextBefore(closing, `{ ${option} }`);
      }
      const padding = 'undefined, '.repeat(Math.max(0, place.padding));
      return fixer => fixer.insertTextAfter(lastArgument, `, ${padding}{ ${option} }`);
    }

    /**
     * How long the call waits unbounded: undici (Node's `fetch`, and `undici`'s own calls) gives
     * up after its default header and body timeouts, five minutes each; the other clients never.
     */
    function describeWait(request: RequestCall): string {
      return request.library === 'fetch' || request.library === 'undici'
        ? "with only undici's default limits (five minutes for the response headers, five more for each pause in the body), so a server that stops answering holds this code for minutes"
        : 'with no time limit, so a server that never answers hangs this code forever';
    }

    function describeBound(request: RequestCall): string {
      switch (request.library) {
        case 'axios':
          return "the 'timeout' option";
        case 'got':
          return "the 'timeout: { request: ms }' option";
        case 'undici':
          return request.bounds.includes('headersTimeout')
            ? "a 'signal' (AbortSignal.timeout(ms)) or 'headersTimeout'/'bodyTimeout'"
            : "'signal: AbortSignal.timeout(ms)'";
        default:
          return "'signal: AbortSignal.timeout(ms)'";
      }
    }

    /**
     * A request to this machine (`http://localhost:3000/…`, `127.0.0.1`, `[::1]`): a server the
     * program or its test runs itself, not a remote peer that can stall.
     */
    function isLoopbackRequest(call: TSESTree.CallExpression): boolean {
      const first = call.arguments[0];
      if (!first) return false;
      if (first.type === AST_NODE_TYPES.ObjectExpression) {
        const host = first.properties.find(
          (property): property is TSESTree.Property =>
            property.type === AST_NODE_TYPES.Property && ['host', 'hostname'].includes(propertyKey(property) ?? ''),
        );
        return host?.value.type === AST_NODE_TYPES.Literal && typeof host.value.value === 'string' && LOOPBACK_URL.test(`//${host.value.value}`);
      }
      return isLoopbackUrl(first, 0);
    }

    /**
     * A URL that certainly names this machine: a loopback string or template, or one that starts
     * with a value that is always one — a constant, an awaited promise, the value a `.then`
     * callback receives — followed to where the value is made. A promise counts when every call
     * of its `resolve` (kept in a variable or not) hands over a loopback URL:
     * `baseUrlResolve(\`http://127.0.0.1:${port}\`)` … `fetch(\`${await baseUrlPromise}/key\`)`.
     */
    function isLoopbackUrl(node: TSESTree.Node, depth: number): boolean {
      if (depth > 8) return false;
      switch (node.type) {
        case AST_NODE_TYPES.Literal:
          return typeof node.value === 'string' && LOOPBACK_URL.test(node.value);
        case AST_NODE_TYPES.TemplateLiteral: {
          const head = node.quasis[0]?.value.cooked ?? '';
          if (head !== '') return LOOPBACK_URL.test(head);
          const leading = node.expressions[0];
          return leading !== undefined && isLoopbackUrl(leading, depth + 1);
        }
        case AST_NODE_TYPES.BinaryExpression:
          return node.operator === '+' && isLoopbackUrl(node.left, depth + 1);
        case AST_NODE_TYPES.AwaitExpression:
          return isLoopbackUrl(node.argument, depth + 1);
        case AST_NODE_TYPES.NewExpression:
          return promiseResolvesLoopback(node, depth);
        case AST_NODE_TYPES.Identifier: {
          const variable = variableOf(sourceCode, node);
          const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
          if (!variable || !definition) return false;
          if (definition.type === 'Variable') {
            const init = definition.node.init;
            const constant = isNeverReassigned(variable);
            return init !== null && definition.node.id === definition.name && constant && isLoopbackUrl(init, depth + 1);
          }
          // `promise.then(url => fetch(url))`: the value the promise settles with.
          if (definition.type === 'Parameter' && definition.node.params[0] === definition.name) {
            const then = definition.node.parent;
            return (
              then?.type === AST_NODE_TYPES.CallExpression &&
              then.arguments[0] === definition.node &&
              then.callee.type === AST_NODE_TYPES.MemberExpression &&
              staticPropertyName(then.callee) === 'then' &&
              isLoopbackUrl(then.callee.object, depth + 1)
            );
          }
          return false;
        }
        default:
          return false;
      }
    }

    /** `new Promise(resolve => { keep = resolve })` whose every resolution is a loopback URL. */
    function promiseResolvesLoopback(node: TSESTree.NewExpression, depth: number): boolean {
      const name = resolveName(sourceCode, node.callee);
      const executor = node.arguments[0];
      if (name?.source !== undefined || name?.path.join('.') !== 'Promise' || !executor || !isFunctionNode(executor)) return false;
      const resolve = executor.params[0];
      if (resolve?.type !== AST_NODE_TYPES.Identifier) return false;
      const resolveVariable = variableNamedAt(sourceCode, resolve.name, executor);
      if (!resolveVariable) return false;
      const calls: TSESTree.CallExpression[] = [];
      /** Every read of a variable holding `resolve` is a call of it, or a plain copy into another variable. */
      const collect = (references: readonly { identifier: TSESTree.Node; isWrite(): boolean }[], seen: number): boolean =>
        references.every(reference => {
          if (reference.isWrite()) return true;
          const use = reference.identifier.parent;
          if (use?.type === AST_NODE_TYPES.CallExpression && use.callee === reference.identifier) {
            calls.push(use);
            return true;
          }
          if (seen < 2 && use?.type === AST_NODE_TYPES.AssignmentExpression && use.right === reference.identifier && use.left.type === AST_NODE_TYPES.Identifier) {
            const keeper = variableOf(sourceCode, use.left);
            return keeper !== null && keeper.defs.length === 1 && collect(keeper.references, seen + 1);
          }
          return false;
        });
      return collect(resolveVariable.references, 0) && calls.length > 0 && calls.every(call => call.arguments[0] !== undefined && isLoopbackUrl(call.arguments[0], depth + 1));
    }

    /**
     * A request made by a function that a `setInterval` runs, and that nothing else waits for: it
     * is written as the interval's callback, or a local constant that is only handed to
     * `setInterval` and called without using its result (`check(); setInterval(check, ms)`).
     * Every tick starts afresh, so a request that stalls delays no other tick. Not so when the
     * function sets outside state before the request (a `running = true` guard that a stalled
     * request would leave set, so that every later tick is skipped).
     */
    function isIndependentTick(call: TSESTree.CallExpression): boolean {
      const fn = getEnclosingFunction(call);
      if (!fn || !onlyRunByInterval(sourceCode, fn)) return false;
      return !someOwnNode(fn.body, node => {
        if (node.range[0] >= call.range[0]) return false;
        const target = node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node.type === AST_NODE_TYPES.UpdateExpression ? node.argument : undefined;
        if (!target) return false;
        if (target.type !== AST_NODE_TYPES.Identifier) return true;
        const variable = variableOf(sourceCode, target);
        const block = variable?.scope.block;
        return !block || block.range[0] < fn.range[0] || block.range[1] > fn.range[1];
      });
    }

    /**
     * A request at the top level of a script (a module that exports nothing and starts nothing
     * long-running): it is the whole program, run once by someone who sees it hang.
     */
    function isScriptTopLevel(call: TSESTree.CallExpression): boolean {
      return getEnclosingFunction(call) === undefined && getCodeContext(context).isScript;
    }

    /**
     * A `fetch` started and left: its chain of `then`, `catch` and `finally` is a statement of its
     * own and handles its failure (`fetch(url, …).then(log).catch(warn);`, a tracer's periodic
     * upload). Nothing waits on it, and the HTTP client's own limits (undici's header and body
     * timeouts) end a stalled one; only a client without such limits (http, axios, got) can hold
     * its socket for ever.
     */
    function isUnawaitedFetch(call: TSESTree.CallExpression, request: RequestCall): boolean {
      if (request.library !== 'fetch' && request.library !== 'undici') return false;
      let handled = false;
      let node: TSESTree.Node = call;
      for (;;) {
        const member: TSESTree.Node | undefined = node.parent;
        const chained: TSESTree.Node | undefined = member?.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node || chained?.type !== AST_NODE_TYPES.CallExpression || chained.callee !== member) break;
        const method = staticPropertyName(member);
        if (method !== 'then' && method !== 'catch' && method !== 'finally') return false;
        if ((method === 'catch' && chained.arguments.length === 1) || (method === 'then' && chained.arguments.length === 2)) handled = true;
        node = chained;
      }
      return handled && node.parent?.type === AST_NODE_TYPES.ExpressionStatement;
    }

    /** `Promise.race([fetch(url), timeout])`: the race bounds the wait. */
    function isRacedAgainstTimer(call: TSESTree.CallExpression): boolean {
      const array = call.parent;
      const race = array?.parent;
      if (array?.type !== AST_NODE_TYPES.ArrayExpression || race?.type !== AST_NODE_TYPES.CallExpression) return false;
      if (race.arguments[0] !== array || array.elements.length < 2) return false;
      const name = resolveName(sourceCode, race.callee);
      return name !== undefined && name.source === undefined && name.path.join('.') === 'Promise.race';
    }

    /**
     * A wrapper that hands its caller's options through (`(input, init) => init == null ?
     * fetch(input) : fetch(input, init)`): the caller decides the bound.
     */
    /**
     * For one function and one argument position: the calls of its own body that hand one of its
     * parameters on at that position, by callee as written. Found once per function, when a request
     * in it first asks.
     */
    const passThroughCalls = new WeakMap<FunctionNode, Map<number, Map<string, TSESTree.CallExpression[]>>>();

    function callsPassingParameter(fn: FunctionNode, position: number): Map<string, TSESTree.CallExpression[]> {
      let byPosition = passThroughCalls.get(fn);
      if (!byPosition) passThroughCalls.set(fn, (byPosition = new Map()));
      let byCallee = byPosition.get(position);
      if (byCallee) return byCallee;
      byCallee = new Map();
      const passedOn = (node: TSESTree.Node | undefined): boolean => {
        if (node?.type !== AST_NODE_TYPES.Identifier) return false;
        const variable = variableOf(sourceCode, node);
        return variable?.defs.some(def => def.type === 'Parameter' && def.node === fn) ?? false;
      };
      const pending: TSESTree.Node[] = [fn.body];
      for (let node = pending.pop(); node; node = pending.pop()) {
        if (node.type === AST_NODE_TYPES.CallExpression && passedOn(node.arguments[position])) {
          const callee = sourceCode.getText(node.callee);
          byCallee.set(callee, [...(byCallee.get(callee) ?? []), node]);
        }
        for (const child of childNodes(node, sourceCode.visitorKeys)) if (!isFunctionNode(child)) pending.push(child);
      }
      byPosition.set(position, byCallee);
      return byCallee;
    }

    /**
     * A wrapper that hands its caller's options through (`(input, init) => init == null ?
     * fetch(input) : fetch(input, init)`): the caller decides the bound.
     */
    function isPassThroughWrapper(call: TSESTree.CallExpression, request: RequestCall): boolean {
      if (typeof request.optionsIndex !== 'number' || request.optionsIndex === 0) return false;
      const fn = getEnclosingFunction(call);
      if (!fn) return false;
      const others = callsPassingParameter(fn, request.optionsIndex).get(sourceCode.getText(call.callee)) ?? [];
      return others.some(other => other !== call);
    }

    function check(call: TSESTree.CallExpression): void {
      const name = resolveName(sourceCode, call.callee);
      if (!name) return;
      const request = classify(name);
      if (!request) return;
      if (allowed.has(request.library) || allowed.has(request.display)) return;
      if (isRacedAgainstTimer(call) || isPassThroughWrapper(call, request) || isLoopbackRequest(call)) return;
      if (isIndependentTick(call) || isScriptTopLevel(call) || isUnawaitedFetch(call, request)) return;
      // A page's request holds nothing shared: one tab waits in front of its user, who can reload.
      if (getCodeContext(context).runsInBrowser) return;
      const place = findOptions(call, request);
      if (place.kind === 'unknown') return;
      if (place.kind === 'literal' && isBounded(place.object, request) !== false) return;
      if ((request.library === 'http' || request.library === 'https') && (hasSocketTimeoutCall(call) || !waitsForResponse(call))) {
        return;
      }
      const option = request.option(timeoutMs);
      // The option names `AbortSignal`: it must be the global one there.
      const writable = !option.includes('AbortSignal') || isGlobalAt(sourceCode, 'AbortSignal', call);
      const fix = writable ? suggestion(place, call, option) : undefined;
      const report = (): void =>
        context.report({
          node: call,
          loc: callReportLocation(call, sourceCode),
          messageId: 'missingTimeout',
          data: { call: request.display, wait: describeWait(request), bound: describeBound(request) },
          suggest: fix ? [{ messageId: 'addTimeout', data: { duration: formatDuration(timeoutMs) }, fix }] : [],
        });
      if (request.library === 'axios') pendingAxios.push(report);
      else report();
    }

    return {
      CallExpression: check,
      AssignmentExpression(node) {
        // `axios.defaults.timeout = …` bounds every request of the default instance.
        if (node.left.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = resolveName(sourceCode, node.left);
        if (name?.source === 'axios' && name.path.join('.') === 'defaults.timeout') axiosHasDefaultTimeout = true;
      },
      'Program:exit'() {
        if (axiosHasDefaultTimeout) return;
        for (const report of pendingAxios) report();
      },
    };
  },
});
