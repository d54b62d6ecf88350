import * as path from 'node:path';

import type { ParserServices, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/ast-utils';

import { callChainRoot, childNodes, climbThrough, hasMultilineLiteral, lineBreakOf } from '../util/ast';
import { createRule } from '../util/createRule';
import { getRejectionFacts } from '../util/promises/rejection-facts';
import type { CodeContextName } from '../util/context';
import { contextsOptionSchema } from '../util/context';
import type { FunctionNode } from '../util/functions';
import { getEnclosingFunction, isFunctionNode } from '../util/functions';
import { allowsUsingDeclarations as allowsUsingDeclarationsIn } from '../util/project/runtime-support';
import type { ResourceKind, UserResource } from '../util/resources';
import { RESOURCE_KINDS, createResourceModel, unwrapExpression } from '../util/resources';
import { firstIndexAtOrAfter, indexOfNodeAt } from '../util/sorted';
import { isGlobalAt, isNeverReassigned, variableOf } from '../util/scope/variables';

/** Where the rule reports by default (see the `contexts` option). */
const DEFAULT_CONTEXTS: CodeContextName[] = ['long-running', 'startup'];

export type Options = [
  {
    /** Where the rule reports (see `util/context`). */
    contexts?: CodeContextName[];
    /** More factories: `{ module: 'generic-pool', name: 'createPool', release: ['drain', 'clear'] }`. */
    resources?: UserResource[];
    /** Report a release that an `await` or a call can skip by throwing. */
    checkThrowPaths?: boolean;
  },
];

export type MessageIds =
  | 'unreleased'
  | 'unreadBody'
  | 'releasedOnlyOnSuccess'
  | 'releasedOnlyOnFulfilment'
  | 'useAwaitUsing'
  | 'wrapInTryFinally';

type Variable = TSESLint.Scope.Variable;
type Segment = TSESLint.CodePathSegment;

/** How one reference treats the resource. */
type ReferenceRole =
  /** Releases it: `fh.close()`, `clearInterval(id)`, `res.json()`. */
  | 'release'
  /** Tests it before a release (`if (fh) await fh.close()`, `fh?.close()`): the other branch holds nothing. */
  | 'guard'
  /** Hands it on: returned, stored, passed, listened to. Its new owner releases it. */
  | 'escape'
  /** Marks it as meant to live: `server.listen()`. */
  | 'keepAlive'
  | 'use';

interface VariableFacts {
  /** A release (or guarded release) in the function that acquired it. */
  released: boolean;
  /** A release inside a callback (`server.on('close', () => …)`, `setTimeout(() => clearInterval(id))`). */
  releasedInCallback: boolean;
  escapes: boolean;
  /** `server.listen()`: meant to live as long as the process. */
  keptAlive: boolean;
  /** Read references in the acquiring function whose role matters to the path walk. */
  pathReferences: Map<TSESTree.Identifier, ReferenceRole>;
  /**
   * `p.then(() => x.close())` with no rejection handler: when `p` rejects the release never runs.
   * Set only when that callback is the one release of the variable.
   */
  onlyOnFulfilment?: TSESTree.CallExpression;
  /** Every release and guard, nested or not, for the `finally`/`catch` coverage test. */
  releaseNodes: TSESTree.Identifier[];
}

interface Acquisition {
  variable: Variable;
  id: TSESTree.Identifier;
  kind: ResourceKind;
  factory: TSESTree.Node;
  /** The declarator or assignment that binds it. */
  binding: TSESTree.VariableDeclarator | TSESTree.AssignmentExpression;
  fn: FunctionNode;
  startSegments: Segment[];
  /** Where its `acquire` event is in each start segment's events (a long segment is not searched for it). */
  startIndices: Map<string, number>;
}

type PathEvent =
  | { type: 'acquire'; acquisition: Acquisition }
  | { type: 'reference'; variable: Variable }
  | { type: 'throw'; node: TSESTree.Node };

interface CodePathState {
  upper: CodePathState | undefined;
  current: Set<Segment>;
  events: Map<string, PathEvent[]>;
  acquisitions: Acquisition[];
  /** Names of the resources acquired here, to spot calls that work on them. */
  names: Set<string>;
  /** The first acquisition bound to each name, found at every call without scanning them all. */
  firstAcquisitionNamed: Map<string, Acquisition>;
}

const DISPOSE_SYMBOLS = new Set(['asyncDispose', 'dispose']);

/** What sits between a resource's name and the statement that releases it: `await fh.close()`, `x?.end()`. */
const RELEASE_CALL_TYPES: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.AwaitExpression,
]);

/** Functions that wait on an emitter without taking it over. */
const BORROWING_FUNCTIONS = new Set(['events.once', 'events.on']);

function staticPropertyName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  const property = member.property;
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string') return property.value;
  // `x[Symbol.asyncDispose]()`
  if (
    property.type === AST_NODE_TYPES.MemberExpression &&
    property.object.type === AST_NODE_TYPES.Identifier &&
    property.object.name === 'Symbol' &&
    !property.computed &&
    property.property.type === AST_NODE_TYPES.Identifier &&
    DISPOSE_SYMBOLS.has(property.property.name)
  ) {
    return `@@${property.property.name}`;
  }
  return undefined;
}

/** Climbs from a value through the expressions that pass it on unchanged (`a || x`, `x as T`, `(x)`). */
function climbTransparent(start: TSESTree.Node): TSESTree.Node {
  let node = start;
  for (;;) {
    const parent = node.parent;
    if (!parent) return node;
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.LogicalExpression:
        node = parent;
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) return node;
        node = parent;
        break;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions[parent.expressions.length - 1] !== node) return node;
        node = parent;
        break;
      default:
        return node;
    }
  }
}

/** The line break that starts at `index` of `text` (`\n`, `\r\n` or `\r`), or an empty string. */
function lineBreakAt(text: string, index: number): string {
  if (text[index] === '\n') return '\n';
  if (text[index] === '\r') return text[index + 1] === '\n' ? '\r\n' : '\r';
  return '';
}

function contains(outer: TSESTree.Node | null | undefined, inner: TSESTree.Node): boolean {
  return !!outer && outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Calls that never return a promise: no `await` is added in front of them. */
const SYNCHRONOUS_CALLS = new Set(['toString', 'trim', 'join', 'slice', 'map', 'filter', 'toJSON', 'String', 'Number', 'Boolean', 'parse', 'stringify']);

/** `fetch(url, { method: 'HEAD' })`: the response of a HEAD request has no body to read. */
function isHeadRequest(factory: TSESTree.Node): boolean {
  const init = factory.type === AST_NODE_TYPES.CallExpression ? factory.arguments[1] : undefined;
  if (init?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return init.properties.some(
    property =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      property.key.name === 'method' &&
      property.value.type === AST_NODE_TYPES.Literal &&
      typeof property.value.value === 'string' &&
      property.value.value.toUpperCase() === 'HEAD',
  );
}

function isSurelySynchronous(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return SYNCHRONOUS_CALLS.has(callee.name);
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    return SYNCHRONOUS_CALLS.has(callee.property.name);
  }
  return false;
}

/** Known classes recognised from type information, by name and the package declaring them. */
const TYPED_CLASSES: { name: string; file: RegExp; kind: ResourceKind }[] = [
  { name: 'FileHandle', file: /[\\/]@types[\\/]node[\\/]/, kind: RESOURCE_KINDS.fileHandle },
  { name: 'Server', file: /[\\/]@types[\\/]node[\\/](net|http|https|tls|http2)\.d\.ts$/, kind: RESOURCE_KINDS.server },
  { name: 'Interface', file: /[\\/]@types[\\/]node[\\/]readline/, kind: RESOURCE_KINDS.readline },
  { name: 'Worker', file: /[\\/]@types[\\/]node[\\/]worker_threads\.d\.ts$/, kind: RESOURCE_KINDS.worker },
  { name: 'Client', file: /[\\/](@types[\\/])?pg[\\/]/, kind: RESOURCE_KINDS.pgClient },
  { name: 'Pool', file: /[\\/](@types[\\/])?pg[\\/]/, kind: RESOURCE_KINDS.pgPool },
  { name: 'PoolClient', file: /[\\/](@types[\\/])?pg[\\/]/, kind: RESOURCE_KINDS.pgPoolClient },
  { name: 'MongoClient', file: /[\\/]mongodb[\\/]/, kind: RESOURCE_KINDS.mongoClient },
  { name: 'Browser', file: /[\\/]puppeteer(-core)?[\\/]/, kind: RESOURCE_KINDS.puppeteerBrowser },
  { name: 'Browser', file: /[\\/]playwright(-core)?[\\/]/, kind: RESOURCE_KINDS.playwrightBrowser },
];

/** Release methods a disposable class of unknown origin may have; the first one present is used. */
const KNOWN_RELEASE_METHODS = ['close', 'end', 'destroy', 'terminate', 'disconnect', 'quit', 'release', 'dispose'];

/** Disposable types whose lifetime is not the holder's business: timers that fire once. */
const DISPOSABLE_BUT_NOT_HELD = new Set(['Timeout', 'Immediate']);

/** Methods of a handle that register listeners or tune it: they report failures as events, not by throwing. */
const NON_THROWING_METHODS = new Set([
  'listen', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'off', 'removeListener', 'removeAllListeners',
  'setEncoding', 'setTimeout', 'setNoDelay', 'setKeepAlive', 'setMaxListeners', 'ref', 'unref',
]);

export default createRule<Options, MessageIds>({
  name: 'no-unclosed-resource',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow resources (files, connections, browsers, servers, timers, fetch bodies) that are not released on every path',
      recommended: 'recommended',
      usesTypeInformation: true,
    },
    hasSuggestions: true,
    messages: {
      unreleased:
        "The {{kind}} '{{name}}' is never released, so it leaks: close what you open. Release it with '{{release}}' in a finally block{{orUsing}}.",
      unreadBody:
        "The body of the fetch response '{{name}}' is never read or cancelled, so its connection stays busy: close what you open. Read it ('await {{name}}.text()') or cancel it ('await {{name}}.body?.cancel()').",
      releasedOnlyOnSuccess:
        "The {{kind}} '{{name}}' is released only when nothing throws: the {{thrower}} on line {{line}} can throw first and leak it. Close what you open on every path: release it in a finally block{{orUsing}}.",
      releasedOnlyOnFulfilment:
        "The {{kind}} '{{name}}' is released only if the promise on line {{line}} fulfils: when it rejects, its .then() callback never runs and the {{kind}} leaks. Close what you open on every path: release it in .finally() or a finally block.",
      useAwaitUsing: 'Use {{keyword}}',
      wrapInTryFinally: 'Wrap in try/finally with {{release}}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          contexts: contextsOptionSchema(DEFAULT_CONTEXTS),
          resources: {
            type: 'array',
            description: 'More resources: a factory (an export of `module`, or a global when `module` is omitted) and the methods that release what it returns.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'release'],
              properties: {
                module: { type: 'string', minLength: 1, description: "Import source, such as 'generic-pool' or 'node:net'." },
                name: {
                  type: 'string',
                  description: "Exported name, dotted for a member ('chromium.launch'); 'default' for the module itself. Called with or without `new`.",
                },
                release: {
                  description: "Method names that release the resource, such as 'close' or ['drain', 'clear'].",
                  anyOf: [
                    { type: 'string', minLength: 1 },
                    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
                  ],
                },
              },
            },
          },
          checkThrowPaths: {
            type: 'boolean',
            description: 'Report a release that an `await` or a call between acquiring and releasing can skip by throwing. Default true.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ contexts: DEFAULT_CONTEXTS, resources: [], checkThrowPaths: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const model = createResourceModel(sourceCode, options.resources ?? []);
    const checkThrowPaths = options.checkThrowPaths !== false;
    const rejection = getRejectionFacts(context.sourceCode, context.filename);
    // Read directly: a parser other than typescript-eslint's has no services, and that is fine here.
    const services: Partial<ParserServices> = sourceCode.parserServices ?? {};
    const program = services.program ?? undefined;

    let state: CodePathState | undefined;
    /** Path-relevant references of every tracked variable: looked up once per identifier. */
    const trackedReferences = new Map<TSESTree.Identifier, Variable>();
    /** Callbacks that release a tracked variable, by the variable: their registration counts as the release on the path. */
    const trackedCallbacks = new Map<FunctionNode, Variable>();
    const facts = new Map<Variable, VariableFacts>();
    let usingAllowed: boolean | undefined;

    /**
     * `using` only where the parser reads it (JavaScript at ES2026 or `latest`) and the project's
     * runtime (or TypeScript's output for it) has it: decided once per file.
     */
    function allowsUsingDeclarations(): boolean {
      if (usingAllowed === undefined) {
        let parsable = true;
        if (!/\.[cm]?tsx?$/.test(context.filename)) {
          const declared = context.languageOptions.parserOptions?.ecmaVersion ?? context.languageOptions.ecmaVersion;
          parsable = declared === 'latest' || (typeof declared === 'number' && (declared >= 2026 || (declared >= 17 && declared < 2015)));
        }
        usingAllowed = parsable && allowsUsingDeclarationsIn(path.resolve(context.cwd, context.filename), program?.getCompilerOptions());
      }
      return usingAllowed;
    }

    function record(event: PathEvent): void {
      if (!state) return;
      for (const segment of state.current) {
        let list = state.events.get(segment.id);
        if (!list) state.events.set(segment.id, (list = []));
        list.push(event);
      }
    }

    function roleOf(reference: TSESTree.Identifier, kind: ResourceKind): ReferenceRole {
      return roleOfValue(reference, kind, 0);
    }

    function roleOfValue(value: TSESTree.Node, kind: ResourceKind, depth: number): ReferenceRole {
      const node = climbTransparent(value);
      const parent = node.parent;
      if (!parent) return 'escape';
      switch (parent.type) {
        case AST_NODE_TYPES.MemberExpression: {
          if (parent.object !== node) return 'use';
          const property = staticPropertyName(parent);
          const call = parent.parent;
          if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
            if (property === undefined) return 'use';
            if (kind.releaseMethods.has(property) || property.startsWith('@@')) return 'release';
            if (kind.handOffMethods.has(property)) return 'escape';
            if (kind.keepAliveMethods.has(property)) return 'keepAlive';
            if (kind.chainMethods.has(property) && depth < 4) {
              const chained = roleOfValue(call, kind, depth + 1);
              return chained === 'escape' ? 'escape' : chained === 'release' ? 'release' : 'use';
            }
            return 'use';
          }
          if (property !== undefined && kind.releaseProperties.has(property)) return 'release';
          return 'use';
        }
        case AST_NODE_TYPES.CallExpression:
        case AST_NODE_TYPES.NewExpression: {
          if (parent.callee === node) return 'use';
          const key = model.functionKey(parent.callee);
          if (key !== undefined) {
            if (kind.releaseFunctions.has(key) && parent.arguments[0] === node) return 'release';
            if (kind.borrowingModule !== undefined && key.startsWith(`${kind.borrowingModule}.`)) return 'use';
            if (BORROWING_FUNCTIONS.has(key)) return 'use';
          }
          return 'escape';
        }
        case AST_NODE_TYPES.AwaitExpression:
          // `await x` on a resource that is not a promise is a no-op read.
          return parent.parent?.type === AST_NODE_TYPES.ExpressionStatement ? 'use' : roleOfValue(parent, kind, depth + 1);
        case AST_NODE_TYPES.ExpressionStatement:
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.WhileStatement:
        case AST_NODE_TYPES.DoWhileStatement:
        case AST_NODE_TYPES.ForStatement:
        case AST_NODE_TYPES.SwitchStatement:
        case AST_NODE_TYPES.SwitchCase:
        case AST_NODE_TYPES.UnaryExpression:
        case AST_NODE_TYPES.BinaryExpression:
        case AST_NODE_TYPES.TemplateLiteral:
        case AST_NODE_TYPES.ConditionalExpression:
          return 'use';
        default:
          // Returned, yielded, stored, aliased, spread, iterated by `for…of`, exported, thrown.
          return 'escape';
      }
    }

    /** A read in the test of a branch whose other side releases: `if (fh) await fh.close()`, `fh && fh.close()`. */
    function isGuard(reference: TSESTree.Identifier, releases: readonly TSESTree.Identifier[]): boolean {
      for (let node: TSESTree.Node = reference; node.parent; node = node.parent) {
        const parent: TSESTree.Node = node.parent;
        if (parent.type === AST_NODE_TYPES.IfStatement && parent.test === node) {
          return releases.some(release => contains(parent.consequent, release));
        }
        if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === node) {
          return releases.some(release => contains(parent.consequent, release));
        }
        if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === node) {
          return releases.some(release => contains(parent.right, release));
        }
        if (
          parent.type !== AST_NODE_TYPES.BinaryExpression &&
          parent.type !== AST_NODE_TYPES.UnaryExpression &&
          parent.type !== AST_NODE_TYPES.LogicalExpression &&
          parent.type !== AST_NODE_TYPES.MemberExpression &&
          parent.type !== AST_NODE_TYPES.ChainExpression
        ) {
          return false;
        }
      }
      return false;
    }

    /** The callback directly inside `fn` that holds `node`, and the call it is handed to (if any). */
    function callbackIn(node: TSESTree.Node, fn: FunctionNode): { callback: FunctionNode; registration?: TSESTree.Node } | undefined {
      let callback: FunctionNode | undefined;
      for (let current = getEnclosingFunction(node); current && current !== fn; current = getEnclosingFunction(current)) {
        callback = current;
      }
      if (!callback) return undefined;
      const value = climbTransparent(callback);
      const parent = value.parent;
      const isArgument =
        (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.callee !== value;
      return { callback, registration: isArgument ? parent : undefined };
    }

    function factsOf(
      variable: Variable,
      kind: ResourceKind,
      fn: FunctionNode,
      binding: TSESTree.Node,
    ): VariableFacts {
      let known = facts.get(variable);
      if (known) return known;
      known = { released: false, releasedInCallback: false, escapes: false, keptAlive: false, pathReferences: new Map(), releaseNodes: [] };
      const reads: { identifier: TSESTree.Identifier; role: ReferenceRole; nested: boolean }[] = [];
      for (const reference of variable.references) {
        if (!reference.isRead()) continue;
        const identifier = reference.identifier as TSESTree.Identifier;
        const role = roleOf(identifier, kind);
        const nested = getEnclosingFunction(identifier) !== fn;
        reads.push({ identifier, role, nested });
        if (role === 'release') known.releaseNodes.push(identifier);
      }
      const fulfilmentReleases: TSESTree.CallExpression[] = [];
      for (const read of reads) {
        if (read.role === 'use' && isGuard(read.identifier, known.releaseNodes)) {
          read.role = 'guard';
          known.releaseNodes.push(read.identifier);
        }
        if (read.role === 'escape') known.escapes = true;
        if (read.role === 'keepAlive') known.keptAlive = true;
        if (read.role === 'release' || read.role === 'guard') {
          if (read.nested) {
            const holder = callbackIn(read.identifier, fn);
            const registration = holder?.registration;
            if (!holder || !registration || contains(registration, binding) || contains(binding, registration)) {
              // Stored somewhere, or the factory's own callback (`setInterval(() => clearInterval(id))`): when it runs is unknown.
              known.releasedInCallback = true;
            } else {
              // `p.then(() => browser.close())`: released once that callback is registered and runs.
              known.released = true;
              trackedCallbacks.set(holder.callback, variable);
              if (isFulfilmentOnly(registration, holder.callback)) fulfilmentReleases.push(registration);
            }
          } else {
            known.released = true;
          }
        }
        if (!read.nested && (read.role === 'release' || read.role === 'guard')) {
          known.pathReferences.set(read.identifier, read.role);
          trackedReferences.set(read.identifier, variable);
        }
      }
      const [fulfilment] = fulfilmentReleases;
      if (fulfilment && known.releaseNodes.length === 1) known.onlyOnFulfilment = fulfilment;
      facts.set(variable, known);
      return known;
    }

    /** `p.then(callback)` without a rejection handler. */
    function isFulfilmentOnly(registration: TSESTree.Node, callback: FunctionNode): registration is TSESTree.CallExpression {
      return (
        registration.type === AST_NODE_TYPES.CallExpression &&
        registration.callee.type === AST_NODE_TYPES.MemberExpression &&
        staticPropertyName(registration.callee) === 'then' &&
        registration.arguments.length === 1 &&
        climbTransparent(callback) === registration.arguments[0]
      );
    }

    // ---- type information (optional) ----

    const typedKinds = new Map<string, ResourceKind>();

    function typedKind(id: TSESTree.Identifier): ResourceKind | undefined {
      if (!program || !services.esTreeNodeToTSNodeMap) return undefined;
      const checker = program.getTypeChecker();
      const tsNode = services.esTreeNodeToTSNodeMap.get(id);
      const type = checker.getNonNullableType(checker.getTypeAtLocation(tsNode));
      const symbol = type.getSymbol() ?? type.aliasSymbol;
      if (!symbol) return undefined;
      const name = symbol.getName();
      const files = (symbol.getDeclarations() ?? []).map(declaration => declaration.getSourceFile().fileName);
      const known = TYPED_CLASSES.find(entry => entry.name === name && files.some(file => entry.file.test(file)));
      if (known) return known.kind;
      if (DISPOSABLE_BUT_NOT_HELD.has(name)) return undefined;
      const properties = type.getProperties().map(property => property.getName());
      let dispose: 'async' | 'sync' | undefined;
      if (properties.some(property => property.startsWith('__@asyncDispose@'))) dispose = 'async';
      else if (properties.some(property => property.startsWith('__@dispose@'))) dispose = 'sync';
      // Emitters (streams, child processes, sockets) end through their events; their owner is the event loop.
      if (!dispose || properties.includes('on')) return undefined;
      const release = KNOWN_RELEASE_METHODS.filter(method => properties.includes(method));
      const key = `${name}:${dispose}:${release.join(',')}`;
      let generic = typedKinds.get(key);
      if (!generic) {
        const firstRelease = release[0];
        generic = {
          ...RESOURCE_KINDS.fileHandle,
          id: 'disposable',
          description: `'${name}'`,
          releaseMethods: new Set(release),
          handOffMethods: new Set(),
          releaseIsAsync: dispose === 'async',
          dispose,
          releaseCall: variableName =>
            firstRelease === undefined
              ? undefined
              : `${dispose === 'async' ? 'await ' : ''}${variableName}.${firstRelease}()`,
        };
        typedKinds.set(key, generic);
      }
      return generic;
    }

    function isTypedCandidate(init: TSESTree.Node): boolean {
      const node = unwrapExpression(init);
      return node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression;
    }

    // ---- acquisition ----

    function acquire(
      id: TSESTree.Identifier,
      init: TSESTree.Node,
      binding: TSESTree.VariableDeclarator | TSESTree.AssignmentExpression,
    ): void {
      if (!state) return;
      const fn = getEnclosingFunction(binding);
      // A resource created at module level is a singleton that lives as long as the process.
      if (!fn) return;
      // The cheap test first: most bindings are not resources.
      let found = model.kindOfAcquisition(init);
      if (!found && program && isTypedCandidate(init)) {
        const kind = typedKind(id);
        if (kind) found = { kind, factory: unwrapExpression(init) };
      }
      if (!found) return;
      const variable = variableOf(sourceCode, id);
      if (!variable) return;
      const scopeType = variable.scope.variableScope.type;
      if (scopeType === 'module' || scopeType === 'global') return;
      factsOf(variable, found.kind, fn, binding);
      const acquisition: Acquisition = {
        variable,
        id,
        kind: found.kind,
        factory: found.factory,
        binding,
        fn,
        startSegments: [...state.current],
        startIndices: new Map([...state.current].map(segment => [segment.id, state!.events.get(segment.id)?.length ?? 0])),
      };
      state.acquisitions.push(acquisition);
      state.names.add(id.name);
      if (!state.firstAcquisitionNamed.has(id.name)) state.firstAcquisitionNamed.set(id.name, acquisition);
      record({ type: 'acquire', acquisition });
    }

    // ---- the path walk ----

    /** True when a throw at `point` lands in a `catch` or `finally` that releases the resource. */
    function isCovered(point: TSESTree.Node, acquisition: Acquisition, releases: readonly TSESTree.Identifier[]): boolean {
      for (let node: TSESTree.Node | undefined = point; node && node !== acquisition.fn; node = node.parent) {
        const parent: TSESTree.Node | undefined = node.parent;
        if (parent?.type !== AST_NODE_TYPES.TryStatement) continue;
        const inBlock = parent.block === node;
        const inHandler = parent.handler === node;
        if (inBlock && parent.handler && releases.some(release => contains(parent.handler, release))) return true;
        if ((inBlock || inHandler) && parent.finalizer && releases.some(release => contains(parent.finalizer, release))) {
          return true;
        }
      }
      return false;
    }

    /** The first `await`, call or `throw` on some path from the acquisition that can leave before a release. */
    function findUnsafePoint(codePath: CodePathState, acquisition: Acquisition, variableFacts: VariableFacts): TSESTree.Node | undefined {
      const visited = new Set<string>();
      const work: { segment: Segment; from: number }[] = [];
      for (const segment of acquisition.startSegments) {
        work.push({ segment, from: (acquisition.startIndices.get(segment.id) ?? -1) + 1 });
      }
      while (work.length > 0) {
        const { segment, from } = work.pop()!;
        const events = codePath.events.get(segment.id) ?? [];
        let pathEnded = false;
        for (let index = from; index < events.length && !pathEnded; index++) {
          const event = events[index]!;
          if (event.type === 'reference') {
            pathEnded = event.variable === acquisition.variable;
          } else if (event.type === 'acquire') {
            pathEnded = event.acquisition.variable === acquisition.variable;
          } else if (!isCovered(event.node, acquisition, variableFacts.releaseNodes)) {
            return event.node;
          }
        }
        if (pathEnded) continue;
        for (const next of segment.nextSegments) {
          if (visited.has(next.id)) continue;
          visited.add(next.id);
          work.push({ segment: next, from: 0 });
        }
      }
      return undefined;
    }

    // ---- fixes ----

    const eol = lineBreakOf(sourceCode);

    function lineIndent(node: TSESTree.Node): string {
      const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
      return /^\s*/.exec(line)?.[0] ?? '';
    }

    function lineStartIndex(node: TSESTree.Node): number {
      return sourceCode.getIndexFromLoc({ line: node.loc.start.line, column: 0 });
    }

    /** Only whitespace before the node on its line. */
    function startsLine(node: TSESTree.Node): boolean {
      return sourceCode.text.slice(lineStartIndex(node), node.range[0]).trim() === '';
    }

    interface FixPlan {
      declaration: TSESTree.VariableDeclaration;
      block: TSESTree.BlockStatement;
      /** Statements wrapped in `try`, release statements included. */
      wrapped: TSESTree.Statement[];
      /** Explicit release statements among `wrapped`, which `finally` (or `await using`) replaces. */
      releaseStatements: TSESTree.Statement[];
      /**
       * False when a name declared among `wrapped` is read before them (by a closure declared
       * earlier and called later, or a function declaration called earlier): moved into a `try` block
       * it would be out of that reader's reach. `await using` moves nothing and stays possible.
       */
      movable: boolean;
    }

    /** The release statement `await fh.close();` / `clearInterval(id);` of a release reference. */
    function releaseStatementOf(reference: TSESTree.Identifier): TSESTree.ExpressionStatement | undefined {
      const node = climbThrough(reference, RELEASE_CALL_TYPES);
      return node.parent?.type === AST_NODE_TYPES.ExpressionStatement ? node.parent : undefined;
    }

    function planFix(acquisition: Acquisition, variableFacts: VariableFacts): FixPlan | undefined {
      const declarator = acquisition.binding;
      if (declarator.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
      const declaration = declarator.parent;
      if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return undefined;
      if (declaration.kind === 'var') return undefined;
      const block = declaration.parent;
      if (block?.type !== AST_NODE_TYPES.BlockStatement) return undefined;
      if (!isNeverReassigned(acquisition.variable)) return undefined;
      // Statements are found by position: a long block is not scanned once per resource.
      const statements = block.body;
      const index = indexOfNodeAt(statements, declaration.range[0]);
      let last = index;
      for (const reference of acquisition.variable.references) {
        last = Math.max(last, indexOfNodeAt(statements, reference.identifier.range[0]));
      }
      if (last === index) return undefined;
      // Declarations moved into `try` must not be needed outside it: a use before it cannot follow the
      // declaration into the block.
      const wrappedStart = statements[index + 1]!.range[0];
      let movable = true;
      for (let position = index + 1; position <= last; position++) {
        for (const declared of sourceCode.scopeManager?.getDeclaredVariables(statements[position]!) ?? []) {
          for (const reference of declared.references) {
            const at = reference.identifier.range[0];
            if (at < wrappedStart) movable = false;
            // A use after them takes the statements up to it into the `try` too (all of the block when it is
            // outside the block: a `var`).
            else if (at > statements[last]!.range[1]) {
              const user = indexOfNodeAt(statements, at);
              last = user < 0 ? statements.length - 1 : Math.max(last, user);
            }
          }
        }
      }
      const wrapped = statements.slice(index + 1, last + 1);
      const releaseStatements: TSESTree.Statement[] = [];
      for (const release of variableFacts.releaseNodes) {
        if (getEnclosingFunction(release) !== acquisition.fn) return undefined;
        const statement = releaseStatementOf(release);
        // A conditional or nested release cannot simply move to `finally`.
        const at = statement?.parent === block ? indexOfNodeAt(statements, statement.range[0]) : -1;
        if (!statement || at <= index || at > last) return undefined;
        releaseStatements.push(statement);
      }
      if (!wrapped.every(startsLine)) return undefined;
      return { declaration, block, wrapped, releaseStatements, movable };
    }

    function indentUnit(plan: FixPlan): string {
      const inner = lineIndent(plan.declaration);
      const outer = lineIndent(plan.block);
      if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
      return inner.includes('\t') ? '\t' : '  ';
    }

    /** Where each function returns a call (`return call()`), in source order: found once per function. */
    const returnedCalls = new WeakMap<FunctionNode, number[]>();

    function returnedCallPositions(fn: FunctionNode): number[] {
      let positions = returnedCalls.get(fn);
      if (positions) return positions;
      positions = [];
      const pending: TSESTree.Node[] = [fn.body];
      for (let node = pending.pop(); node; node = pending.pop()) {
        if (
          node.type === AST_NODE_TYPES.ReturnStatement &&
          (node.argument?.type === AST_NODE_TYPES.CallExpression || node.argument?.type === AST_NODE_TYPES.NewExpression) &&
          !isSurelySynchronous(node.argument)
        ) {
          positions.push(node.argument.range[0]);
        }
        for (const child of childNodes(node, sourceCode.visitorKeys)) if (!isFunctionNode(child)) pending.push(child);
      }
      positions.sort((a, b) => a - b);
      returnedCalls.set(fn, positions);
      return positions;
    }

    /**
     * Where `return call()` must become `return await call()` within `range` of `fn`: once the release
     * moves to a `finally` or to the end of an `await using` block, it runs before a returned promise
     * settles.
     */
    function returnAwaitPositions(range: TSESTree.Range, fn: FunctionNode): number[] {
      if (!fn.async) return [];
      const positions = returnedCallPositions(fn);
      const found: number[] = [];
      for (let index = firstIndexAtOrAfter(positions, range[0], position => position); index < positions.length && positions[index]! < range[1]; index++) found.push(positions[index]!);
      return found;
    }

    /** Removes whole-line statements from, and inserts `await ` into, a text slice that starts at `offset`. */
    function editSlice(text: string, offset: number, removed: readonly TSESTree.Statement[], awaitAt: readonly number[]): string {
      const edits = [
        ...removed.map(statement => {
          const start = lineStartIndex(statement) - offset;
          let end = statement.range[1] - offset;
          end += lineBreakAt(text, end).length;
          return { start, end, text: '' };
        }),
        ...awaitAt.map(position => ({ start: position - offset, end: position - offset, text: 'await ' })),
      ].sort((a, b) => b.start - a.start);
      let result = text;
      for (const edit of edits) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
      return result.replace(/(\r\n?|\n)$/, '');
    }

    function tryFinallySuggestion(
      acquisition: Acquisition,
      plan: FixPlan,
      name: string,
    ): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
      let release: string | undefined;
      const lastRelease = plan.releaseStatements.at(-1);
      if (lastRelease && lastRelease.type === AST_NODE_TYPES.ExpressionStatement) {
        release = sourceCode.getText(lastRelease.expression);
      } else {
        release = acquisition.kind.releaseCall(name, acquisition.factory, sourceCode);
        if (release !== undefined && acquisition.kind.releaseIsAsync && !acquisition.fn.async) return undefined;
        // A release that calls a global function (`clearInterval(id)`) needs that global there.
        const globalFunction = release === undefined ? undefined : /^([A-Za-z_$][\w$]*)\(/.exec(release)?.[1];
        if (globalFunction !== undefined && !isGlobalAt(sourceCode, globalFunction, acquisition.id)) return undefined;
      }
      if (release === undefined || !plan.movable) return undefined;
      const first = plan.wrapped[0]!;
      const last = plan.wrapped.at(-1)!;
      const start = lineStartIndex(first);
      const end = last.range[1];
      // Indenting the lines of a template or a continued string would change its text.
      if (hasMultilineLiteral(sourceCode, start, end)) return undefined;
      const kept = plan.wrapped.filter(statement => !plan.releaseStatements.includes(statement));
      const awaitAt = kept.length > 0 ? returnAwaitPositions([kept[0]!.range[0], kept.at(-1)!.range[1]], acquisition.fn) : [];
      const body = editSlice(sourceCode.text.slice(start, end), start, plan.releaseStatements, awaitAt);
      if (body.trim() === '') return undefined;
      const indent = lineIndent(plan.declaration);
      const unit = indentUnit(plan);
      const indented = body
        .split(/\r\n?|\n/)
        .map(line => (line.trim() === '' ? line : unit + line))
        .join(eol);
      const text = `${indent}try {${eol}${indented}${eol}${indent}} finally {${eol}${indent}${unit}${release};${eol}${indent}}`;
      const finalRelease = release;
      return {
        messageId: 'wrapInTryFinally',
        data: { name, release: finalRelease },
        fix: fixer => fixer.replaceTextRange([start, end], text),
      };
    }

    function awaitUsingSuggestion(
      acquisition: Acquisition,
      plan: FixPlan | undefined,
      name: string,
    ): TSESLint.SuggestionReportDescriptor<MessageIds> | undefined {
      const dispose = acquisition.kind.dispose;
      if (!dispose || !allowsUsingDeclarations()) return undefined;
      if (dispose === 'async' && !acquisition.fn.async) return undefined;
      const declarator = acquisition.binding;
      if (declarator.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
      const declaration = declarator.parent;
      if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return undefined;
      if (declaration.kind !== 'const' && declaration.kind !== 'let') return undefined;
      if (declaration.parent?.type !== AST_NODE_TYPES.BlockStatement) return undefined;
      if (!isNeverReassigned(acquisition.variable)) return undefined;
      // Explicit releases must go, or the resource is released twice.
      const removals = plan?.releaseStatements ?? [];
      const facts = factsOf(acquisition.variable, acquisition.kind, acquisition.fn, acquisition.binding);
      if (facts.releaseNodes.length > 0 && removals.length !== facts.releaseNodes.length) return undefined;
      const keyword = dispose === 'async' ? 'await using' : 'using';
      const kindToken = sourceCode.getFirstToken(declaration)!;
      const block = declaration.parent;
      // Release statements hold no `return`: the rest of the block is one range.
      const awaitAt = returnAwaitPositions([declaration.range[1], block.range[1]], acquisition.fn);
      return {
        messageId: 'useAwaitUsing',
        data: { name, keyword },
        fix: fixer => [
          fixer.replaceText(kindToken, keyword),
          ...removals.map(statement => {
            const start = lineStartIndex(statement);
            let end = statement.range[1];
            end += lineBreakAt(sourceCode.text, end).length;
            return fixer.removeRange([start, end]);
          }),
          ...awaitAt.map(position => fixer.insertTextBeforeRange([position, position], 'await ')),
        ],
      };
    }

    function releaseHint(acquisition: Acquisition, name: string): string {
      const call = acquisition.kind.releaseCall(name, acquisition.factory, sourceCode);
      if (call !== undefined) return call;
      const [method] = acquisition.kind.releaseMethods;
      if (method !== undefined) return `${name}.${method}()`;
      return `closeSync(${name})`;
    }

    function orUsing(acquisition: Acquisition): string {
      if (!allowsUsingDeclarations()) return '';
      if (acquisition.kind.dispose === 'async') return ", or declare it with 'await using'";
      if (acquisition.kind.dispose === 'sync') return ", or declare it with 'using'";
      return '';
    }

    function describeThrower(node: TSESTree.Node): string {
      if (node.parent?.type === AST_NODE_TYPES.AwaitExpression) return "'await'";
      switch (node.type) {
        case AST_NODE_TYPES.AwaitExpression:
          return "'await'";
        case AST_NODE_TYPES.ThrowStatement:
          return "'throw'";
        case AST_NODE_TYPES.YieldExpression:
          return "'yield'";
        case AST_NODE_TYPES.ForOfStatement:
          return "'for await'";
        default:
          return 'call';
      }
    }

    function check(codePath: CodePathState, acquisition: Acquisition): void {
      const variableFacts = factsOf(acquisition.variable, acquisition.kind, acquisition.fn, acquisition.binding);
      if (variableFacts.escapes || variableFacts.releasedInCallback) return;
      const name = acquisition.id.name;
      if (!variableFacts.released) {
        if (variableFacts.keptAlive) return;
        if (acquisition.kind === RESOURCE_KINDS.fetchResponse) {
          if (isHeadRequest(acquisition.factory)) return;
          context.report({ node: acquisition.id, messageId: 'unreadBody', data: { name } });
          return;
        }
        const plan = planFix(acquisition, variableFacts);
        const suggestions = [awaitUsingSuggestion(acquisition, plan, name), plan && tryFinallySuggestion(acquisition, plan, name)];
        context.report({
          node: acquisition.id,
          messageId: 'unreleased',
          data: { kind: acquisition.kind.description, name, release: releaseHint(acquisition, name), orUsing: orUsing(acquisition) },
          suggest: suggestions.filter(suggestion => suggestion !== undefined),
        });
        return;
      }
      if (!checkThrowPaths || !acquisition.kind.checkThrowPaths) return;
      // A read before the acquisition (a loop's previous turn) makes the walk unreliable.
      if (acquisition.variable.references.some(reference => reference.isRead() && reference.identifier.range[0] < acquisition.binding.range[0])) {
        return;
      }
      const point = findUnsafePoint(codePath, acquisition, variableFacts);
      const rejection = variableFacts.onlyOnFulfilment;
      if (!point && rejection && !isCovered(rejection, acquisition, variableFacts.releaseNodes)) {
        context.report({
          node: acquisition.id,
          messageId: 'releasedOnlyOnFulfilment',
          data: { kind: acquisition.kind.description, name, line: rejection.loc.start.line },
        });
        return;
      }
      if (!point) return;
      const plan = planFix(acquisition, variableFacts);
      const suggestions = [awaitUsingSuggestion(acquisition, plan, name), plan && tryFinallySuggestion(acquisition, plan, name)];
      context.report({
        node: acquisition.id,
        messageId: 'releasedOnlyOnSuccess',
        data: {
          kind: acquisition.kind.description,
          name,
          thrower: describeThrower(point),
          line: point.loc.start.line,
          orUsing: orUsing(acquisition),
        },
        suggest: suggestions.filter(suggestion => suggestion !== undefined),
      });
    }

    function recordThrow(node: TSESTree.Node): void {
      if (state && state.acquisitions.length > 0) record({ type: 'throw', node });
    }

    /** True when `method` of the resource named `name` only reads its state (see `ResourceKind.stateReaders`). */
    function readsStateOf(name: string, method: string | undefined): boolean {
      if (method === undefined || !state) return false;
      const acquisition = state.firstAcquisitionNamed.get(name);
      return acquisition !== undefined && acquisition.kind.stateReaders.has(method);
    }

    /**
     * Any call can throw, but reporting every logging call between acquire and release would bury the
     * real cases: a call counts when it works on a resource of this function (`fh.write()`, `readSync(fd)`).
     */
    function recordCallOnResource(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      if (!state || state.acquisitions.length === 0) return;
      const names = state.names;
      const callee = call.callee;
      // `server.listen()` reports its failures as events, not by throwing; registering a listener
      // or tuning the handle (`socket.setTimeout(ms)`) does not throw either.
      if (callee.type === AST_NODE_TYPES.MemberExpression && NON_THROWING_METHODS.has(staticPropertyName(callee) ?? '')) return;
      // `browser.version()` of Playwright reads the resource's state: it does not throw.
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        readsStateOf(callee.object.name, staticPropertyName(callee))
      ) {
        return;
      }
      const root = callChainRoot(callee);
      const onResource =
        (root.type === AST_NODE_TYPES.Identifier && names.has(root.name)) ||
        call.arguments.some(argument => argument.type === AST_NODE_TYPES.Identifier && names.has(argument.name));
      if (onResource) record({ type: 'throw', node: call });
    }

    const listener: Record<string, (...args: never[]) => void> = {
      onCodePathStart() {
        state = { upper: state, current: new Set(), events: new Map(), acquisitions: [], names: new Set(), firstAcquisitionNamed: new Map() };
      },
      onCodePathEnd() {
        const ended = state;
        state = state?.upper;
        if (!ended) return;
        for (const acquisition of ended.acquisitions) check(ended, acquisition);
      },
      onCodePathSegmentStart(segment: Segment) {
        state?.current.add(segment);
      },
      onCodePathSegmentEnd(segment: Segment) {
        state?.current.delete(segment);
      },
      onUnreachableCodePathSegmentStart(segment: Segment) {
        state?.current.add(segment);
      },
      onUnreachableCodePathSegmentEnd(segment: Segment) {
        state?.current.delete(segment);
      },
      Identifier(node: TSESTree.Identifier) {
        if (trackedReferences.size === 0) return;
        const variable = trackedReferences.get(node);
        if (variable) record({ type: 'reference', variable });
      },
      'VariableDeclarator:exit'(node: TSESTree.VariableDeclarator) {
        if (node.id.type !== AST_NODE_TYPES.Identifier || !node.init) return;
        const declaration = node.parent;
        if (declaration.kind === 'using' || declaration.kind === 'await using') return;
        acquire(node.id, node.init, node);
      },
      'AssignmentExpression:exit'(node: TSESTree.AssignmentExpression) {
        if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.Identifier) return;
        acquire(node.left, node.right, node);
      },
      'AwaitExpression:exit'(node: TSESTree.AwaitExpression) {
        // Awaiting a promise that cannot reject (its failures are caught, or it only ever
        // resolves: `new Promise(resolve => { done = resolve })`) cannot skip the release.
        if (!rejection.promiseCannotReject(node.argument)) recordThrow(node);
      },
      'YieldExpression:exit': recordThrow,
      ThrowStatement: recordThrow,
      'NewExpression:exit': recordCallOnResource,
      'CallExpression:exit': recordCallOnResource,
      ':function'(node: FunctionNode) {
        // Entered after the new code path started: the registration happens in the enclosing one.
        const variable = trackedCallbacks.get(node);
        const outer = state?.upper;
        if (!variable || !outer) return;
        for (const segment of outer.current) {
          let list = outer.events.get(segment.id);
          if (!list) outer.events.set(segment.id, (list = []));
          list.push({ type: 'reference', variable });
        }
      },
      ForOfStatement(node: TSESTree.ForOfStatement) {
        if (node.await) recordThrow(node);
      },
    };
    return listener as TSESLint.RuleListener;
  },
});
