import { isBuiltin } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/ast-utils';

import type { AsyncTwin, BlockingCall, ModuleSpelling } from '../util/blocking-calls';
import {
  BLOCKING_CALLS,
  OPT_IN_BLOCKING_CALLS,
  blockingCallKey,
  describeTwin,
  userBlockingCallKey,
} from '../util/blocking-calls';
import type { LoopNode } from '../util/busy-wait';
import { detectBusyWait } from '../util/busy-wait';
import { createRule } from '../util/createRule';
import type { CodeContextName } from '../util/context';
import { contextsOptionSchema, getCodeContext } from '../util/context';
import type { FunctionNode } from '../util/functions';
import {
  canAwaitAt,
  getEnclosingFunction,
  getRunningAsyncFunction,
  isSynchronousCallbackArgument,
  isSynchronouslyInvoked,
  resolveLocalFunction,
} from '../util/functions';
import type { ImportRequest } from '../util/import-fixes';
import { planImports, unusedBindingRemoval } from '../util/import-fixes';
import { findBindingExpression, prefersNodeProtocol, resolveName } from '../util/imports';
import { constantInitializer } from '../util/values';
import type { BlockingChain } from '../util/declarations/blocking-summaries';
import { getBlockingSummaries } from '../util/declarations/blocking-summaries';
import { isComputedOnce } from '../util/blocking/computed-once';
import { namesPackageManifestPath, pathParameterRead, readsPackageManifest } from '../util/blocking/package-manifest-reads';
import { blocksBriefly } from '../util/blocking/single-path-operations';
import { givenAsTlsMaterial, readsTlsMaterial, readsWholeFile } from '../util/blocking/tls-material-reads';
import { followsFirstCreation } from '../util/blocking/first-creation';
import { getFileDeclarations } from '../util/declarations';
import type { ResolvedName } from '../util/imports';
import { variableOf } from '../util/scope/variables';

/** Where the rule reports by default (see the `contexts` option). */
const DEFAULT_CONTEXTS: CodeContextName[] = ['long-running'];

export type Options = [
  {
    /** Where the rule reports (see `util/context`). */
    contexts?: CodeContextName[];
    /** More blocking calls: `{ module: 'better-sqlite3', names: [...] }`, or `{ names: ['sleepSync'] }` for globals. */
    blockingCalls?: { module?: string; names: string[]; asyncTwin?: string }[];
    /** Calls not to report, as `module.name` (`fs.readFileSync`), a bare name, or a global path (`Atomics.wait`). */
    allow?: string[];
    /** Report loops that spin until a time passes (`while (Date.now() < end) {}`). */
    checkBusyWait?: boolean;
    /** Report a call to a sync function (of the file or of a relative module) that blocks. */
    checkSyncHelpers?: boolean;
    /** How many sync functions deep a call is followed to the blocking call (1: only the function called). */
    syncHelperDepth?: number;
    /** Report file-system calls in an application's own code too (see `CodeContextModel.inApplication`). */
    checkFileSystemInApplications?: boolean;
  },
];

export type MessageIds = 'blockingCall' | 'blockingHelper' | 'blockingChain' | 'busyWait' | 'busyWaitHelper' | 'replaceBusyWait' | 'replaceWithTwin';

const LESSON = "Don't block the event loop:";
const TIMERS_TWIN = "await setTimeout(ms) from '{{timers}}'";
const MAX_CALLEE_TEXT = 40;
/** Arguments longer than this are shown as `…` in a message or a suggestion's title. */
const MAX_ARGUMENTS_TEXT = 40;

/** What a same-file sync function does that blocks, for the report at its call in an async function. */
/**
 * How a sync function of the file blocks. `pathParameter`: it blocks by one whole-file read only,
 * of the path its caller gives as that parameter (see `BlockingChain`).
 */
type HelperBlocking = { kind: 'call'; name: string; twin: AsyncTwin; pathParameter?: number; readsWholeFile?: boolean } | { kind: 'busyWait' };

/**
 * `await x` must be parenthesised where the grammar wants more than a unary expression: the
 * target of a member access, a call, a tagged template or `**`, a class's superclass, a decorator.
 */
function needsParenthesesForAwait(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee === node;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === node;
    case AST_NODE_TYPES.BinaryExpression:
      return parent.operator === '**' && parent.left === node;
    case AST_NODE_TYPES.ClassDeclaration:
    case AST_NODE_TYPES.ClassExpression:
      return parent.superClass === node;
    case AST_NODE_TYPES.Decorator:
      return true;
    default:
      return false;
  }
}

/** The sync function on whose stack `node` runs, skipping synchronously invoked callbacks. */
function getRunningSyncFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let fn = getEnclosingFunction(node); fn; fn = getEnclosingFunction(fn)) {
    if (fn.async || fn.generator) return undefined;
    if (!isSynchronouslyInvoked(fn)) return fn;
  }
  return undefined;
}

/** True when the call's value is used (so a replacement must produce the same value). */
function isValueUsed(call: TSESTree.Node): boolean {
  const parent = call.parent;
  return !(parent?.type === AST_NODE_TYPES.ExpressionStatement || (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'void'));
}

const PATH_MODULES = new Set(['path', 'path/posix', 'path/win32']);

function isModuleWrapperName(name: string): boolean {
  return name === '__filename' || name === '__dirname';
}

/**
 * True when `node` is certainly a path (a string or a URL), never a file descriptor: a string
 * literal or template, a string concatenation, `new URL(…)`, a `path` function, `fileURLToPath`,
 * or a constant initialised with one of these.
 */
function isCertainlyPath(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string';
    case AST_NODE_TYPES.TemplateLiteral:
      return true;
    case AST_NODE_TYPES.BinaryExpression:
      return (
        node.operator === '+' &&
        (isCertainlyPath(node.left, sourceCode, depth) || isCertainlyPath(node.right, sourceCode, depth))
      );
    case AST_NODE_TYPES.NewExpression: {
      const name = resolveName(sourceCode, node.callee);
      return name?.source === undefined && name?.path.join('.') === 'URL';
    }
    case AST_NODE_TYPES.CallExpression: {
      const name = resolveName(sourceCode, node.callee);
      if (!name || name.source === undefined) return false;
      return PATH_MODULES.has(name.source) || (name.source === 'url' && name.path.join('.') === 'fileURLToPath');
    }
    case AST_NODE_TYPES.Identifier: {
      if (depth > 2) return false;
      const variable = variableOf(sourceCode, node);
      // Node's CommonJS globals are paths.
      if (!variable || variable.defs.length === 0) return isModuleWrapperName(node.name);
      const init = constantInitializer(sourceCode, node);
      return init !== undefined && isCertainlyPath(init, sourceCode, depth + 1);
    }
    default:
      return false;
  }
}

/**
 * Files the kernel serves from memory (`/proc/meminfo`, `/sys/class/…`, `/dev/null`): reading them
 * does not wait for a disk, so a sync read costs what a function call costs.
 */
function readsKernelMemory(call: TSESTree.CallExpression): boolean {
  const first = call.arguments[0];
  const text =
    first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string'
      ? first.value
      : first?.type === AST_NODE_TYPES.TemplateLiteral
        ? first.quasis[0]?.value.cooked
        : undefined;
  return typeof text === 'string' && /^\/(?:proc|sys|dev)\//.test(text);
}

/**
 * True when the blocking call costs nothing that matters whatever runs around it, decided from
 * its own syntax: a file the kernel serves from memory, one operation on one path, a package's
 * manifest, a TLS key or certificate. Asked of calls in the linted file and in the sync helpers
 * the rule follows, in the file or read from disk.
 */
function costsLittle(call: TSESTree.CallExpression, blocking: BlockingCall): boolean {
  return readsKernelMemory(call) || blocksBriefly(call, blocking) || readsPackageManifest(call, blocking) || readsTlsMaterial(call, blocking);
}

/** fs calls that create a path, with the position of the path they create. */
const CREATING_CALLS = new Map<string, number>([
  ['mkdirSync', 0],
  ['writeFileSync', 0],
  ['copyFileSync', 1],
  ['cpSync', 1],
  ['symlinkSync', 1],
]);

/**
 * `if (!existsSync(dir)) mkdirSync(dir)`: a call that creates the very path whose absence the
 * enclosing `if` tests. Once it has run the path exists, so it runs once over the life of the
 * path (a data folder made on first start, a template copied when the database file is missing),
 * not each time the function runs.
 */
function createsPathOnce(call: TSESTree.CallExpression, blocking: BlockingCall, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (blocking.source !== 'fs' && blocking.source !== 'graceful-fs' && blocking.source !== 'fs-extra') return false;
  const position = CREATING_CALLS.get(blocking.path);
  const created = position === undefined ? undefined : call.arguments[position];
  if (!created) return false;
  const createdText = sourceCode.getText(created);
  for (let child: TSESTree.Node = call, parent = call.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === child) {
      const test = parent.test;
      if (test.type !== AST_NODE_TYPES.UnaryExpression || test.operator !== '!' || test.argument.type !== AST_NODE_TYPES.CallExpression) continue;
      const probe = test.argument;
      const name = resolveName(sourceCode, probe.callee);
      if (name?.source !== blocking.source || name.path.join('.') !== 'existsSync' || !probe.arguments[0]) continue;
      if (sourceCode.getText(probe.arguments[0]) === createdText) return true;
    }
    if (parent.type === AST_NODE_TYPES.Program || (parent.type !== AST_NODE_TYPES.BlockStatement && parent.type !== AST_NODE_TYPES.IfStatement && parent.type !== AST_NODE_TYPES.ExpressionStatement)) {
      return false;
    }
  }
  return false;
}

export default createRule<Options, MessageIds>({
  name: 'no-blocking-in-async',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow synchronous blocking calls inside async functions',
      recommended: 'recommended',
      usesTypeInformation: false,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      blockingCall: `${LESSON} '{{name}}' is synchronous, so nothing else runs while this async function waits for it. Use {{twin}} instead.{{note}}`,
      blockingHelper: `${LESSON} '{{helper}}' calls '{{name}}', which is synchronous, so nothing else runs while this async function waits for it. Make '{{helper}}' async and use {{twin}} in it.`,
      blockingChain: `${LESSON} '{{helper}}' ends in a synchronous call ({{chain}}), so nothing else runs while this async function waits for it. Make the functions on the way async and use {{twin}} in '{{last}}'.`,
      busyWait: `${LESSON} this loop spins until a time has passed, so nothing else runs meanwhile. Use ${TIMERS_TWIN} instead.`,
      busyWaitHelper: `${LESSON} '{{helper}}' spins in a loop until a time has passed, so nothing else runs while this async function waits for it. Make '{{helper}}' async and use ${TIMERS_TWIN} in it.`,
      replaceBusyWait: 'Replace the loop with {{replacement}}{{origin}}',
      replaceWithTwin: 'Use {{replacement}}{{origin}}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          contexts: contextsOptionSchema(DEFAULT_CONTEXTS),
          blockingCalls: {
            type: 'array',
            description:
              "More calls that block: exports of a module ({ module: 'better-sqlite3', names: ['…'] }), or global names when `module` is omitted ({ names: ['Bun.sleepSync'] }). Also turns on built-in calls that are off by default, such as { module: 'node:fs', names: ['existsSync'] }.",
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['names'],
              properties: {
                module: { type: 'string', minLength: 1, description: "Import source, such as 'better-sqlite3' or 'node:fs'." },
                names: {
                  type: 'array',
                  items: { type: 'string', minLength: 1 },
                  minItems: 1,
                  description: "Exported names or dotted paths from the module (or from the global scope), such as 'readJsonSync' or 'Bun.sleepSync'.",
                },
                asyncTwin: { type: 'string', minLength: 1, description: 'What to use instead; shown in the message.' },
              },
            },
          },
          allow: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              "Calls not to report: 'fs.readFileSync' (or 'node:fs.readFileSync'), a bare name such as 'readFileSync' (from any module), or a global such as 'Atomics.wait'.",
          },
          checkBusyWait: {
            type: 'boolean',
            description: 'Report loops that spin on the clock (`while (Date.now() < end) {}`). Default: true.',
          },
          checkSyncHelpers: {
            type: 'boolean',
            description: 'Report a call to a sync function, of the same file or of a relative module, that blocks. Default: true.',
          },
          syncHelperDepth: {
            type: 'integer',
            minimum: 1,
            maximum: 8,
            description: 'How many sync functions deep a call is followed to the blocking call, across relative modules (1: only the function called). Default: 3.',
          },
          checkFileSystemInApplications: {
            type: 'boolean',
            description:
              "Report sync file-system calls (fs, fs-extra, Deno's) in an application's own code too: a package whose start, serve or prod script runs its own files. Default: false; child processes, key derivations and busy waits are reported there anyway.",
          },
        },
      },
    ],
  },
  defaultOptions: [{ contexts: DEFAULT_CONTEXTS, blockingCalls: [], allow: [], checkBusyWait: true, checkSyncHelpers: true, syncHelperDepth: 3, checkFileSystemInApplications: false }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const codeContext = getCodeContext(context);
    const reportsInTests = (options.contexts ?? DEFAULT_CONTEXTS).includes('test');
    /**
     * Reports, but not in a test runner's service (a WebdriverIO service's hooks): the runner
     * awaits each command of the test they run in, so a blocking call there stalls nothing else,
     * as in a test. Where the rule reports in tests, it reports there too.
     */
    function report(descriptor: TSESLint.ReportDescriptor<MessageIds>): void {
      if (!reportsInTests && 'node' in descriptor && codeContext.inTestRunnerService(descriptor.node as TSESTree.Node)) return;
      context.report(descriptor);
    }
    const isModule = sourceCode.ast.sourceType === 'module';
    const allowed = new Set(
      (options.allow ?? []).map(entry => {
        const dot = entry.indexOf('.');
        return dot < 0 ? entry : userBlockingCallKey(entry.slice(0, dot), entry.slice(dot + 1));
      }),
    );
    const userCalls = new Map<string, BlockingCall>();
    for (const entry of options.blockingCalls ?? []) {
      for (const name of entry.names) {
        const key = userBlockingCallKey(entry.module, name);
        const known = OPT_IN_BLOCKING_CALLS.get(key) ?? BLOCKING_CALLS.get(key);
        const twin: AsyncTwin =
          entry.asyncTwin !== undefined
            ? { kind: 'text', text: entry.asyncTwin }
            : (known?.twin ?? { kind: 'text', text: 'an asynchronous alternative' });
        // A call the user lists is reported wherever it is, even one that is brief on its own.
        userCalls.set(key, { ...known, source: entry.module, path: name, twin, singlePath: undefined, fileSystem: undefined });
      }
    }

    /**
     * An application's owner knows the files it reads and writes (a settings file, a compose file,
     * a firmware image an admin uploads) and the load it serves; on real code, such calls in
     * self-hosted servers' handlers were not what their owners change, while the same calls in a
     * library, whose caller's load nobody knows, were.
     */
    const skipsFileSystem = options.checkFileSystemInApplications !== true && codeContext.inApplication;

    function lookUpName(name: ResolvedName): BlockingCall | undefined {
      const key = blockingCallKey(name);
      if (allowed.has(key) || allowed.has(name.path[name.path.length - 1] ?? '')) return undefined;
      const blocking = userCalls.get(key) ?? BLOCKING_CALLS.get(key);
      return blocking?.fileSystem && skipsFileSystem ? undefined : blocking;
    }

    function lookUp(call: TSESTree.CallExpression): BlockingCall | undefined {
      const name = resolveName(sourceCode, call.callee);
      return name && lookUpName(name);
    }

    /** Sync functions followed through their calls, across relative modules (shared by files linted with these options). */
    const summaries = getBlockingSummaries(JSON.stringify([options.allow ?? [], options.blockingCalls ?? [], skipsFileSystem]), (name, call) => {
      const blocking = lookUpName(name);
      return blocking && !costsLittle(call, blocking) ? blocking : undefined;
    });
    const helperDepth = options.syncHelperDepth ?? 3;

    /** The chain by which a call in an async function blocks, through functions of the file and of relative modules. */
    function blockingChain(node: TSESTree.Identifier | TSESTree.MemberExpression): BlockingChain | undefined {
      const declarations = getFileDeclarations(sourceCode, context.filename);
      const local = resolveLocalFunction(sourceCode, node);
      const target = local ? { fn: local, owner: declarations } : declarations.functionReference(node);
      const chain = target && summaries.chainOf(target.fn, target.owner, helperDepth);
      return chain && { ...chain, names: [node.type === AST_NODE_TYPES.Identifier ? node.name : sourceCode.getText(node), ...chain.names] };
    }

    function calleeText(call: TSESTree.CallExpression): string {
      const text = sourceCode.getText(call.callee);
      if (text.length <= MAX_CALLEE_TEXT && !text.includes('\n')) return text;
      const callee = call.callee;
      if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
        return callee.property.name;
      }
      return 'this call';
    }

    /**
     * Where the arguments of a call start, type arguments and `?.` included: after the callee and
     * the parentheses around it (`(fs.readFileSync)(p)`, `(fs.readFileSync as F)(p)`).
     */
    function argumentsStart(call: TSESTree.CallExpression): number {
      let token = sourceCode.getTokenAfter(call.callee);
      while (token && token.value === ')' && token.range[1] <= call.range[1]) token = sourceCode.getTokenAfter(token);
      return token ? token.range[0] : call.callee.range[1];
    }

    /** `await …` in place of `call`, parenthesised where precedence needs it. */
    function awaited(call: TSESTree.CallExpression, expression: string): string {
      return needsParenthesesForAwait(call) ? `(${expression})` : expression;
    }

    let nodeProtocol: boolean | undefined;
    /** Node's modules as this file writes them: `node:fs/promises` when its imports use `node:`. */
    const spell: ModuleSpelling = module => {
      nodeProtocol ??= prefersNodeProtocol(sourceCode);
      return nodeProtocol && isBuiltin(module) ? `node:${module}` : module;
    };

    /** Where the names a suggestion imports come from, for its title: ` from node:fs/promises`. */
    function origin(specifiers: readonly string[]): string {
      return specifiers.length === 0 ? '' : ` from ${specifiers.join(' and ')}`;
    }

    /**
     * The call's arguments as written, for a message or a title: all of them when short, else the
     * first (the command of `execSync`) and `…`, else only `…`.
     */
    function shownArguments(call: TSESTree.CallExpression): string {
      const fits = (text: string): boolean => text.length <= MAX_ARGUMENTS_TEXT && !text.includes('\n');
      const texts = call.arguments.map(argument => sourceCode.getText(argument));
      if (fits(texts.join(', '))) return texts.join(', ');
      return texts.length > 1 && fits(texts[0]!) ? `${texts[0]!}, …` : '…';
    }

    /** The identifier a callee starts from: `fs` of `fs.readFileSync`, or `readFileSync` itself. */
    function calleeRoot(call: TSESTree.CallExpression): TSESTree.Identifier | undefined {
      let node: TSESTree.Node = call.callee;
      while (node.type === AST_NODE_TYPES.MemberExpression) node = node.object;
      return node.type === AST_NODE_TYPES.Identifier ? node : undefined;
    }

    /**
     * The edits that replace `call` by `replacement` (parenthesised as it must be), plus the
     * removal of the import its callee came from when this was its last use
     * (`import { readFileSync } from 'node:fs'`).
     */
    function replacementEdits(
      call: TSESTree.CallExpression,
      replacement: string,
      expressions: readonly string[],
      importEdits: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[],
    ): TSESLint.ReportFixFunction {
      const root = calleeRoot(call);
      const keptNames = expressions.map(expression => expression.split('.')[0]!);
      const removal = root && unusedBindingRemoval(sourceCode, root, keptNames);
      return fixer => {
        const edits = [...importEdits(fixer), fixer.replaceText(call, replacement)];
        return removal ? removal(fixer, edits) : edits;
      };
    }

    type Help = Pick<TSESLint.ReportDescriptor<MessageIds>, 'fix' | 'suggest'> & { note?: string };

    /** An exact replacement: the autofix, and the same fix as a suggestion, whose title names it. */
    function autofix(call: TSESTree.CallExpression, expression: string, argumentsText: string): Help {
      const fix = replacementEdits(call, awaited(call, `await ${expression}${argumentsText}`), [expression], () => []);
      return { fix, suggest: [{ messageId: 'replaceWithTwin', data: { replacement: `await ${expression}()`, origin: '' }, fix }] };
    }

    /** The autofix or the suggestions that replace a blocking call by its async twin. */
    function helpFor(call: TSESTree.CallExpression, blocking: BlockingCall): Help {
      if (!canAwaitAt(call, isModule)) return {};
      const twin = blocking.twin;
      const argumentsText = sourceCode.text.slice(argumentsStart(call), call.range[1]);
      if (twin.kind === 'global') return autofix(call, twin.path, argumentsText);
      if (twin.kind === 'module') {
        const exact = !blocking.acceptsFileDescriptor || (call.arguments[0] !== undefined && isCertainlyPath(call.arguments[0], sourceCode));
        const existing = findBindingExpression(sourceCode, call, { source: twin.module, path: [twin.name] });
        if (existing !== undefined && exact) return autofix(call, existing, argumentsText);
        // Adding an import is safe only for Node's own modules, whose exports are known.
        if (existing === undefined && !isBuiltin(twin.module)) return {};
        const help = suggest(call, [{ module: twin.module, name: twin.name }], ([twinExpression]) => ({
          replacement: awaited(call, `await ${twinExpression}${argumentsText}`),
          display: `await ${twinExpression}()`,
        }));
        return exact ? help : { ...help, note: ` The suggested ${twin.name}() takes a path, not a file descriptor.` };
      }
      if (twin.kind === 'promisify') {
        const help = suggest(
          call,
          [
            { module: 'util', name: 'promisify' },
            { module: twin.module, name: twin.name },
          ],
          ([promisify, original]) => {
            const awaitedCall = `await ${promisify}(${original})`;
            const shown = `${awaitedCall}(${shownArguments(call)})`;
            const wantsProperty = twin.resultProperty !== undefined && isValueUsed(call);
            return {
              // `(await …).stdout` is a member access: it needs more parentheses only as a decorator,
              // which takes a member access of names alone.
              replacement: wantsProperty
                ? call.parent.type === AST_NODE_TYPES.Decorator
                  ? `((${awaitedCall}${argumentsText}).${twin.resultProperty})`
                  : `(${awaitedCall}${argumentsText}).${twin.resultProperty}`
                : awaited(call, `${awaitedCall}${argumentsText}`),
              display: wantsProperty ? `(${shown}).${twin.resultProperty}` : shown,
            };
          },
        );
        return twin.caveat === undefined ? help : { ...help, note: ` Note that ${twin.caveat}.` };
      }
      return {};
    }

    function suggest(
      call: TSESTree.CallExpression,
      requests: ImportRequest[],
      build: (expressions: string[]) => { replacement: string; display: string },
    ): Help {
      const plan = planImports(sourceCode, call, requests);
      const { replacement, display } = build(plan.expressions);
      const fix = replacementEdits(call, replacement, plan.expressions, fixer => plan.fixes(fixer));
      return {
        suggest: [{ messageId: 'replaceWithTwin', data: { replacement: display, origin: origin(plan.addedSpecifiers) }, fix }],
      };
    }

    function reportBusyWait(loop: LoopNode, durationText: string | undefined): void {
      let suggest: TSESLint.ReportDescriptor<MessageIds>['suggest'];
      if (durationText !== undefined && canAwaitAt(loop, isModule)) {
        const plan = planImports(sourceCode, loop, [
          { module: 'timers/promises', name: 'setTimeout', fallbackNames: ['sleep', 'delay'] },
        ]);
        const call = `await ${plan.expressions[0]!}(${durationText})`;
        suggest = [
          {
            messageId: 'replaceBusyWait',
            data: { replacement: call, origin: origin(plan.addedSpecifiers) },
            fix: fixer => [...plan.fixes(fixer), fixer.replaceText(loop, `${call};`)],
          },
        ];
      }
      report({ node: loop, messageId: 'busyWait', data: { timers: spell('timers/promises') }, suggest });
    }

    /** Sync functions of the file that block, with the first thing in them that does. */
    const blockingHelpers = new Map<FunctionNode, HelperBlocking>();
    /** Calls (or synchronous callback references) in async functions to functions of the file. */
    const helperCalls: { node: TSESTree.Identifier | TSESTree.MemberExpression; at: TSESTree.Node }[] = [];

    function noteBlockingHelper(node: TSESTree.Node, blocking: HelperBlocking): void {
      const helper = getRunningSyncFunction(node);
      if (!helper) return;
      const noted = blockingHelpers.get(helper);
      if (!noted) blockingHelpers.set(helper, blocking);
      // A second way to block: the caller's path, or what it does with the value, no longer says
      // what the helper does.
      else if (noted.kind === 'call') {
        delete noted.pathParameter;
        delete noted.readsWholeFile;
      }
    }

    /** True when `at` calls a helper that only reads the file its caller names, with a package manifest's path. */
    function readsManifestThrough(at: TSESTree.Node, pathParameter: number | undefined): boolean {
      if (pathParameter === undefined || at.type !== AST_NODE_TYPES.CallExpression) return false;
      const argument = at.arguments[pathParameter];
      return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && namesPackageManifestPath(argument);
    }

    function checkLoop(loop: LoopNode): void {
      if (options.checkBusyWait === false) return;
      const busyWait = detectBusyWait(loop, sourceCode);
      if (!busyWait) return;
      if (getRunningAsyncFunction(loop)) reportBusyWait(loop, busyWait.durationText);
      else noteBlockingHelper(loop, { kind: 'busyWait' });
    }

    return {
      CallExpression(call) {
        const blocking = lookUp(call);
        if (
          blocking &&
          !costsLittle(call, blocking) &&
          !createsPathOnce(call, blocking, sourceCode) &&
          !isComputedOnce(call) &&
          !followsFirstCreation(call, sourceCode)
        ) {
          if (getRunningAsyncFunction(call)) {
            const { note = '', ...help } = helpFor(call, blocking);
            report({
              node: call,
              messageId: 'blockingCall',
              data: { name: calleeText(call), twin: describeTwin(blocking.twin, spell, shownArguments(call)), note },
              ...help,
            });
          } else {
            const helper = getRunningSyncFunction(call);
            const pathParameter = helper && pathParameterRead(helper, call, blocking);
            noteBlockingHelper(call, {
              kind: 'call',
              name: calleeText(call),
              twin: blocking.twin,
              ...(pathParameter === undefined ? {} : { pathParameter }),
              ...(readsWholeFile(blocking) ? { readsWholeFile: true } : {}),
            });
          }
          return;
        }
        if (blocking || options.checkSyncHelpers === false || !getRunningAsyncFunction(call)) return;
        const callee = call.callee;
        if (
          callee.type === AST_NODE_TYPES.Identifier ||
          (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.PrivateIdentifier)
        ) {
          helperCalls.push({ node: callee, at: call });
        }
        // `items.map(load)` calls `load` right there, like `items.map(item => load(item))`.
        for (const argument of call.arguments) {
          if (argument.type === AST_NODE_TYPES.Identifier && isSynchronousCallbackArgument(argument)) {
            helperCalls.push({ node: argument, at: argument });
          }
        }
      },
      NewExpression(call) {
        if (options.checkSyncHelpers === false) return;
        const executor = call.arguments[0];
        if (executor?.type === AST_NODE_TYPES.Identifier && isSynchronousCallbackArgument(executor) && getRunningAsyncFunction(call)) {
          helperCalls.push({ node: executor, at: executor });
        }
      },
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      ForStatement: checkLoop,
      'Program:exit'() {
        for (const { node, at } of helperCalls) {
          const fn = resolveLocalFunction(sourceCode, node);
          const found = fn && blockingHelpers.get(fn);
          if (!found) {
            const chain = blockingChain(node);
            if (chain && !readsManifestThrough(at, chain.pathParameter)) {
              report({
                node: at,
                messageId: 'blockingChain',
                data: {
                  helper: chain.names[0]!,
                  chain: chain.names.join(' → '),
                  last: chain.names[chain.names.length - 2]!,
                  twin: describeTwin(chain.blocking.twin, spell),
                },
              });
            }
            continue;
          }
          if (found.kind === 'call' && readsManifestThrough(at, found.pathParameter)) continue;
          // A helper whose one blocking step reads a whole file, its value given as a key or
          // certificate: a TLS read like any other (see `costsLittle`).
          if (found.kind === 'call' && found.readsWholeFile && at.type === AST_NODE_TYPES.CallExpression && givenAsTlsMaterial(at)) continue;
          const helper = node.type === AST_NODE_TYPES.Identifier ? node.name : sourceCode.getText(node);
          if (found.kind === 'busyWait') {
            report({ node: at, messageId: 'busyWaitHelper', data: { helper, timers: spell('timers/promises') } });
          } else {
            report({
              node: at,
              messageId: 'blockingHelper',
              data: { helper, name: found.name, twin: describeTwin(found.twin, spell) },
            });
          }
        }
      },
    };
  },
});
