import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from './ast-utils';

import type { ResolvedName } from './imports';
import { canonicalName, normalizeModuleSource, resolveName } from './imports';
import { isNeverReassigned, variableOf } from './scope/variables';

/**
 * The resource model: what acquires something that must be released (a file handle, a database
 * client, a browser, a server, a timer…), and what releases it. Keyed by how the factory was
 * imported (`resolveName`), never by a name alone.
 */
export interface ResourceKind {
  /** Stable identifier, e.g. `file-handle`. */
  id: string;
  /** What it is, for messages: "file handle". */
  description: string;
  /** Methods of the resource that release it: `fh.close()`. */
  releaseMethods: ReadonlySet<string>;
  /** Functions that release the resource passed as their first argument: `clearInterval(id)`. */
  releaseFunctions: ReadonlySet<string>;
  /** Every function of this module takes the resource without owning it (`fs.readSync(fd)`). */
  borrowingModule?: string;
  /** Properties whose read hands the resource's content on (a fetch response's `body`). */
  releaseProperties: ReadonlySet<string>;
  /**
   * Methods after which the runtime or another owner manages the lifetime: listeners on an
   * emitter, `server.listen()`, `timer.unref()`, `fh.createReadStream()` (auto-closes).
   */
  handOffMethods: ReadonlySet<string>;
  /** Methods that mean "meant to live": `server.listen()`. Never released is then fine, a release a throw skips is not. */
  keepAliveMethods: ReadonlySet<string>;
  /** Methods that return the same resource: `await new MongoClient(uri).connect()`. */
  chainMethods: ReadonlySet<string>;
  /** Methods that acquire another resource from this one: `pool.connect()` → a pooled client. */
  derived: ReadonlyMap<string, string>;
  /** The release statement for fixes, or undefined when there is no single right one. */
  releaseCall(name: string, factory: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined;
  /** Whether the release is awaited (a fix needs an async function to write it). */
  releaseIsAsync: boolean;
  /** `Symbol.asyncDispose` / `Symbol.dispose` on the resource: `await using` / `using` works. */
  dispose?: 'async' | 'sync';
  /** Report a release that a throw can skip. False where a throw path is commonly harmless. */
  checkThrowPaths: boolean;
  /** Synchronous methods that only read the resource's state and do not throw: Playwright's `browser.version()`. */
  stateReaders: ReadonlySet<string>;
}

interface KindSpec {
  id: string;
  description: string;
  release?: string[];
  releaseFunctions?: string[];
  borrowingModule?: string;
  releaseProperties?: string[];
  handOff?: string[];
  keepAlive?: string[];
  chain?: string[];
  derived?: Record<string, string>;
  releaseCall?: ResourceKind['releaseCall'];
  releaseIsAsync?: boolean;
  dispose?: 'async' | 'sync';
  checkThrowPaths?: boolean;
  stateReaders?: string[];
}

function kind(spec: KindSpec): ResourceKind {
  const firstRelease = spec.release?.[0];
  return {
    id: spec.id,
    description: spec.description,
    releaseMethods: new Set(spec.release ?? []),
    releaseFunctions: new Set(spec.releaseFunctions ?? []),
    borrowingModule: spec.borrowingModule,
    releaseProperties: new Set(spec.releaseProperties ?? []),
    handOffMethods: new Set(spec.handOff ?? []),
    keepAliveMethods: new Set(spec.keepAlive ?? []),
    chainMethods: new Set(spec.chain ?? []),
    derived: new Map(Object.entries(spec.derived ?? {})),
    releaseIsAsync: spec.releaseIsAsync ?? true,
    releaseCall:
      spec.releaseCall ??
      (name =>
        firstRelease === undefined ? undefined : `${spec.releaseIsAsync === false ? '' : 'await '}${name}.${firstRelease}()`),
    dispose: spec.dispose,
    checkThrowPaths: spec.checkThrowPaths ?? true,
    stateReaders: new Set(spec.stateReaders ?? []),
  };
}

const EMITTER_LISTENERS = ['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'];

/** `fs.closeSync(fd)` written with the same module object as the `fs.openSync(...)` that opened it. */
function closeSyncCall(name: string, factory: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  if (factory.type !== AST_NODE_TYPES.CallExpression || factory.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = factory.callee.object;
  const resolved = resolveName(sourceCode, object);
  if (resolved?.source !== 'fs' || resolved.path.length !== 0) return undefined;
  return `${sourceCode.getText(object)}.closeSync(${name})`;
}

export const RESOURCE_KINDS = {
  fileHandle: kind({
    id: 'file-handle',
    description: 'file handle',
    release: ['close'],
    handOff: ['createReadStream', 'createWriteStream', 'readLines', 'readableWebStream'],
    dispose: 'async',
  }),
  fileDescriptor: kind({
    id: 'file-descriptor',
    description: 'file descriptor',
    releaseFunctions: ['fs.closeSync', 'fs.close'],
    borrowingModule: 'fs',
    releaseIsAsync: false,
    releaseCall: closeSyncCall,
  }),
  pgClient: kind({ id: 'pg-client', description: 'pg client', release: ['end'], chain: EMITTER_LISTENERS }),
  pgPool: kind({
    id: 'pg-pool',
    description: 'pg pool',
    release: ['end'],
    chain: EMITTER_LISTENERS,
    derived: { connect: 'pgPoolClient' },
  }),
  pgPoolClient: kind({ id: 'pg-pool-client', description: 'pooled pg client', release: ['release'], releaseIsAsync: false }),
  mysqlConnection: kind({
    id: 'mysql-connection',
    description: 'MySQL connection',
    release: ['end', 'destroy'],
    chain: EMITTER_LISTENERS,
    derived: { getConnection: 'mysqlPoolConnection' },
  }),
  mysqlCallbackConnection: kind({
    id: 'mysql-connection',
    description: 'MySQL connection',
    release: ['end', 'destroy'],
    chain: EMITTER_LISTENERS,
    releaseIsAsync: false,
  }),
  mysqlPoolConnection: kind({
    id: 'mysql-pool-connection',
    description: 'pooled MySQL connection',
    release: ['release', 'destroy'],
    releaseIsAsync: false,
  }),
  mongoClient: kind({
    id: 'mongo-client',
    description: 'MongoClient',
    release: ['close'],
    chain: ['connect', ...EMITTER_LISTENERS],
    dispose: 'async',
  }),
  redisClient: kind({
    id: 'redis-client',
    description: 'Redis client',
    release: ['quit', 'disconnect', 'close', 'destroy'],
    chain: ['connect', ...EMITTER_LISTENERS],
  }),
  ioredisClient: kind({
    id: 'ioredis-client',
    description: 'ioredis client',
    release: ['quit', 'disconnect'],
    chain: EMITTER_LISTENERS,
  }),
  puppeteerBrowser: kind({
    id: 'browser',
    description: 'browser',
    release: ['close', 'disconnect'],
    dispose: 'async',
  }),
  // Playwright's `Browser` getters are synchronous (puppeteer's `version()` returns a promise).
  playwrightBrowser: kind({ id: 'browser', description: 'browser', release: ['close'], stateReaders: ['version', 'isConnected', 'contexts', 'browserType'] }),
  server: kind({
    id: 'server',
    description: 'server',
    release: ['close'],
    // A listening server is meant to live; only a release that a throw can skip is reported.
    keepAlive: ['listen'],
    handOff: EMITTER_LISTENERS,
    releaseIsAsync: false,
    dispose: 'async',
  }),
  socket: kind({
    id: 'socket',
    description: 'socket',
    release: ['end', 'destroy', 'destroySoon', 'resetAndDestroy'],
    handOff: [...EMITTER_LISTENERS, 'pipe'],
    releaseCall: name => `${name}.destroy()`,
    releaseIsAsync: false,
  }),
  readline: kind({
    id: 'readline-interface',
    description: 'readline interface',
    release: ['close'],
    handOff: EMITTER_LISTENERS,
    releaseIsAsync: false,
  }),
  worker: kind({ id: 'worker', description: 'worker', release: ['terminate'], handOff: [...EMITTER_LISTENERS, 'unref'] }),
  interval: kind({
    id: 'interval',
    description: 'interval timer',
    release: ['close'],
    releaseFunctions: ['clearInterval', 'clearTimeout', 'timers.clearInterval', 'timers.clearTimeout'],
    handOff: ['unref'],
    releaseCall: name => `clearInterval(${name})`,
    releaseIsAsync: false,
    dispose: 'sync',
  }),
  fetchResponse: kind({
    id: 'fetch-response',
    description: 'fetch response',
    release: ['json', 'text', 'arrayBuffer', 'blob', 'formData', 'bytes'],
    releaseProperties: ['body', 'bodyUsed'],
    releaseCall: () => undefined,
    // `if (!res.ok) throw …` before reading the body is the norm; the body is collected then.
    checkThrowPaths: false,
  }),
} satisfies Record<string, ResourceKind>;

export type ResourceKindName = keyof typeof RESOURCE_KINDS;

/** Factories by `<module>#<path>` (module empty for a global). */
const FACTORIES: [modules: string[], paths: string[], kind: ResourceKindName][] = [
  [['fs/promises'], ['open'], 'fileHandle'],
  [['fs'], ['openSync'], 'fileDescriptor'],
  [['pg'], ['Client', 'native.Client'], 'pgClient'],
  [['pg'], ['Pool', 'native.Pool'], 'pgPool'],
  [['pg-pool'], [''], 'pgPool'],
  [['mysql2/promise'], ['createConnection', 'createPool', 'createPoolCluster'], 'mysqlConnection'],
  [['mysql2', 'mysql'], ['createConnection', 'createPool', 'createPoolCluster'], 'mysqlCallbackConnection'],
  [['mongodb'], ['MongoClient', 'MongoClient.connect'], 'mongoClient'],
  [['redis', '@redis/client'], ['createClient', 'createCluster'], 'redisClient'],
  [['ioredis'], ['', 'Redis', 'Cluster', 'Redis.Cluster', 'default'], 'ioredisClient'],
  [['puppeteer', 'puppeteer-core'], ['launch', 'connect'], 'puppeteerBrowser'],
  [
    ['playwright', 'playwright-core', '@playwright/test'],
    [
      'chromium.launch',
      'firefox.launch',
      'webkit.launch',
      'chromium.launchPersistentContext',
      'firefox.launchPersistentContext',
      'webkit.launchPersistentContext',
    ],
    'playwrightBrowser',
  ],
  [['net', 'http', 'https', 'tls'], ['createServer', 'Server'], 'server'],
  [['http2'], ['createServer', 'createSecureServer'], 'server'],
  [['net'], ['connect', 'createConnection', 'Socket'], 'socket'],
  [['tls'], ['connect'], 'socket'],
  [['readline', 'readline/promises'], ['createInterface'], 'readline'],
  [['worker_threads'], ['Worker'], 'worker'],
  [[''], ['setInterval'], 'interval'],
  [['timers'], ['setInterval'], 'interval'],
  [[''], ['fetch'], 'fetchResponse'],
  [['undici'], ['fetch'], 'fetchResponse'],
];

function factoryKey(name: ResolvedName): string {
  const canonical = canonicalName(name);
  return `${canonical.source ?? ''}#${canonical.path.join('.')}`;
}

/** A resource kind the user adds: `{ module: 'generic-pool', name: 'createPool', release: ['drain'] }`. */
export interface UserResource {
  /** Import source; omitted for a global. */
  module?: string;
  /** Exported name, dotted for a member (`chromium.launch`); empty or `default` for the module itself. */
  name: string;
  /** Methods that release it. */
  release: string | string[];
}

export interface ResourceModel {
  /** The kind of resource `expression` acquires (after `await` and type wrappers), if any. */
  kindOfAcquisition(expression: TSESTree.Node): { kind: ResourceKind; factory: TSESTree.Node } | undefined;
  /** The release function key (`fs.closeSync`, `clearInterval`) that `callee` resolves to. */
  functionKey(callee: TSESTree.Node): string | undefined;
}

export function unwrapExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.AwaitExpression:
        current = current.argument;
        break;
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  return undefined;
}

const MAX_CHAIN = 4;

export function createResourceModel(
  sourceCode: Readonly<TSESLint.SourceCode>,
  userResources: readonly UserResource[],
): ResourceModel {
  const factories = new Map<string, ResourceKind>();
  // Names a factory's callee can end with: most calls are ruled out without resolving scopes.
  const lastNames = new Set<string>();
  for (const [modules, paths, kindName] of FACTORIES) {
    for (const module of modules) {
      for (const path of paths) {
        const key = factoryKey({ source: module === '' ? undefined : module, path: path === '' ? [] : path.split('.') });
        factories.set(key, RESOURCE_KINDS[kindName]);
        lastNames.add(path.split('.').pop() ?? '');
      }
    }
  }
  userResources.forEach((resource, index) => {
    const release = typeof resource.release === 'string' ? [resource.release] : resource.release;
    const path = resource.name === '' || resource.name === 'default' ? [] : resource.name.split('.');
    const source = resource.module === undefined ? undefined : normalizeModuleSource(resource.module);
    factories.set(
      factoryKey({ source, path }),
      kind({ id: `option-${index}`, description: `'${resource.name || resource.module}' resource`, release }),
    );
    lastNames.add(path[path.length - 1] ?? '');
  });

  function calleeLastName(callee: TSESTree.Node): string | undefined {
    if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
    if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
    return undefined;
  }

  function factoryKind(call: TSESTree.CallExpression | TSESTree.NewExpression): ResourceKind | undefined {
    const last = calleeLastName(call.callee);
    if (last === undefined) return undefined;
    // A default import called directly (`new Redis()`) may have any local name.
    if (!lastNames.has(last) && call.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const name = resolveName(sourceCode, call.callee);
    return name && factories.get(factoryKey(name));
  }

  /** `pool.connect()` where `pool` is bound once to `new Pool()` from pg (at any level). */
  function derivedKind(call: TSESTree.CallExpression): ResourceKind | undefined {
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const method = memberName(callee);
    if (method === undefined) return undefined;
    // `pool.connect((err, client, done) => …)` is the callback form: nothing is returned.
    if (call.arguments.some(argument => argument.type === AST_NODE_TYPES.ArrowFunctionExpression || argument.type === AST_NODE_TYPES.FunctionExpression)) {
      return undefined;
    }
    const variable = variableOf(sourceCode, callee.object);
    if (!variable || variable.defs.length !== 1) return undefined;
    const definition = variable.defs[0]!;
    if (definition.type !== 'Variable' || !definition.node.init || definition.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (!isNeverReassigned(variable)) return undefined;
    // One level: `const a = await b.open(); const b = await a.read();` must not chase itself forever.
    const owner = acquisition(definition.node.init, 1);
    const derivedName = owner?.kind.derived.get(method);
    return derivedName === undefined ? undefined : RESOURCE_KINDS[derivedName as ResourceKindName];
  }

  function acquisition(expression: TSESTree.Node, depth: number): { kind: ResourceKind; factory: TSESTree.Node } | undefined {
    const node = unwrapExpression(expression);
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) return undefined;
    const direct = factoryKind(node);
    if (direct) return { kind: direct, factory: node };
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(node.callee);
    if (method === undefined || depth >= MAX_CHAIN) return undefined;
    const inner = acquisition(node.callee.object, depth + 1);
    if (inner?.kind.chainMethods.has(method)) return inner;
    if (depth === 0 && !inner) {
      const derived = derivedKind(node);
      if (derived) return { kind: derived, factory: node };
    }
    return undefined;
  }

  return {
    kindOfAcquisition: expression => acquisition(expression, 0),
    functionKey(callee) {
      const name = resolveName(sourceCode, callee);
      if (!name) return undefined;
      const canonical = canonicalName(name);
      return canonical.source === undefined ? canonical.path.join('.') : [canonical.source, ...canonical.path].join('.');
    },
  };
}

/**
 * Calls that clean up (release a resource, undo, stop, delete a temporary): their failure carries
 * nothing the caller can act on when it is best effort, and must not hide the error a `catch` is
 * about to rethrow. The release methods of every resource kind above, and the usual verbs of undoing.
 */
export const CLEAN_UP_METHODS: ReadonlySet<string> = new Set([
  ...Object.values(RESOURCE_KINDS)
    .flatMap(resource => [...resource.releaseMethods])
    .filter(method => !['json', 'text', 'arrayBuffer', 'blob', 'formData', 'bytes'].includes(method)),
  'rollback', 'abort', 'cancel', 'kill', 'stop', 'shutdown', 'dispose', 'cleanup', 'unlink', 'rm', 'rmdir', 'unsubscribe',
  'punsubscribe', 'removeListener', 'removeAllListeners', 'unref', 'releaseLock', 'unlock', 'flushall', 'flushdb', 'drop', 'clear',
]);
