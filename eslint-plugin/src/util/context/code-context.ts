import * as path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import type { FunctionNode } from '../functions';
import { isFunctionNode, resolveCommonJsExportFunction, resolveLocalFunction, resolveThisMethod } from '../functions';
import { calleeName, staticPropertyName } from '../imports';
import { nearestPackageManifest } from '../project/package-manifest';
import { isDevelopmentScript, isPackageScript, startsOwnProgram } from '../project/package-scripts';
import { repositoryRoot } from '../project/repository';
import { SERVER_FRAMEWORKS } from '../project/server-frameworks';
import { indexOfNodeAt } from '../sorted';
import { someOwnNode } from '../walk';
import type { CallSituation } from './callers';
import { callerSituations, inConditionLoop, owningFunction } from './callers';
import { commandClassNames, dispatchesCommandLine, isCommandHandler, isMainModuleTest, isOneShotPath } from './command-line';
import { runsInBrowser } from './browser-code';
import { holdsOnlyInDevelopment } from './development-only';
import { callsProcessExit, processListenerCalls } from './process-calls';
import { programLogsLostRejections } from './program-rejection-handler';
import { promptsAtTerminal, promptsThroughRelativeModule } from './terminal-prompts';
import { isTestPath, isTestRegistration, testRunnerServiceClasses, usesTestFramework } from './test-code';

/**
 * Where code runs, which decides what a pitfall costs there (see the project's precision standard):
 * - `long-running`: servers, workers, daemons, editor extensions and the libraries they load;
 *   other requests share the event loop, a lost rejection crashes the process, a leak accumulates.
 * - `startup`: a module's top level, and what a function does before its server listens; nothing
 *   is served yet.
 * - `cli`: command-line tools and one-shot scripts (a package's `bin`, `scripts/`, migrations,
 *   build tools' configs, code under `require.main === module`, command handlers of CLI
 *   frameworks, files that prompt at the terminal), and developer tooling (code under a
 *   development-only test, files only `dev` scripts run); usually nothing else is in flight.
 * - `test`: test files and test callbacks; the runner runs tests one after another.
 */
export type CodeContextName = 'long-running' | 'startup' | 'cli' | 'test';

export const CODE_CONTEXT_NAMES: readonly CodeContextName[] = ['long-running', 'startup', 'cli', 'test'];

/** What a files-scoped config object may declare under `settings['async-pitfalls'].codeContext`. */
const DECLARABLE_FILE_CONTEXTS = new Set<string>(['long-running', 'cli', 'test']);

export type FileContextName = Exclude<CodeContextName, 'startup'>;

export interface CodeContextModel {
  /** The role of the file as a whole; parts of it may still be test, command-line or start-up code. */
  readonly fileContext: FileContextName;
  /** Why the file has that role, in a few words (for messages and docs). */
  readonly fileReason: string;
  /**
   * True when only the package's development scripts run the file (a developer's local server or
   * demo, `"dev": "nodemon dev/index.js"` and the modules of its folder that it loads by name): a
   * developer runs it by hand and reads what it prints, and no user's work is in flight.
   */
  readonly developmentOnly: boolean;
  /** True when the module exports nothing: it is run (an entry point or a script), not imported. */
  readonly isEntryModule: boolean;
  /**
   * True when a rejection nobody handles at the module's top level ends the program with the error
   * printed (or reaches the program's own handler), which is what the program would do anyway when
   * its start fails: an entry module (it exports nothing, uses other modules) outside a page.
   */
  readonly topLevelRejectionsEndTheProgram: boolean;
  /**
   * True when the module is a script: it exports nothing, uses other modules, and starts nothing
   * long-running (no server, no interval). Its top level is the whole program, run once.
   */
  readonly isScript: boolean;
  /**
   * True when the file installs a process-wide `unhandledRejection` or `uncaughtException`
   * handler: a lost rejection then does what that handler does, not necessarily end the process.
   */
  readonly installsProcessErrorHandler: boolean;
  /**
   * True when one of those handlers may keep the process running after a lost rejection (it does
   * not end with `process.exit`): a failure at shutdown is then not simply the end of the program.
   */
  readonly processErrorHandlerKeepsRunning: boolean;
  /**
   * True when the file's package installs, in its long-running code, a process-wide
   * `unhandledRejection` listener that logs and keeps running (see
   * `program-rejection-handler.ts`): a lost rejection there becomes a line of the program's log.
   */
  readonly programLogsLostRejections: boolean;
  /** True when the file is generated or minified: nobody edits it, so nothing in it is reported. */
  readonly isGenerated: boolean;
  /**
   * True when the file is front-end code that runs in a browser page: it uses the DOM's globals
   * (`document`, `window`), imports a framework that renders to the DOM, lies under a folder that
   * holds a page, or belongs to a single-page app (see `browser-code.ts`). There a rejection nobody
   * handles is reported in the console and ends nothing. Decided once, when a rule first asks.
   */
  readonly runsInBrowser: boolean;
  /**
   * True when the file belongs to an application: its package's `start` (`serve`, `prod`, …)
   * script runs the package's own code (see `startsOwnProgram`). Its owner deploys and runs the
   * program, knowing the files it touches and the load it serves; a library's code runs in a
   * process someone else owns, under a load nobody knows. Decided once, when a rule first asks.
   */
  readonly inApplication: boolean;
  /**
   * Where `node` runs. Code the file alone shows to be long-running is asked once more of the
   * function it runs in: where every call of that function runs, across its package (see
   * `callers.ts`), so that a helper only start-up code calls and waits for is start-up code.
   */
  contextOf(node: TSESTree.Node): CodeContextName;
  /** Where `node` runs by what this file alone shows, a service hook told apart (for the callers model). */
  situationInFile(node: TSESTree.Node): CallSituation;
  /**
   * True when `node` runs in a member of a class that implements a test runner's service interface
   * (a WebdriverIO service): its hooks run inside a test, whose commands the runner awaits one after
   * another, so nothing else is in flight there. It is not test code: a rejection it loses is
   * unhandled in the runner's process, as anywhere else.
   */
  inTestRunnerService(node: TSESTree.Node): boolean;
}

type RuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** What code around a node imposes on it: test code, command-line code, or nothing. */
type Imposed = 'test' | 'cli' | null;

/** A test callback anywhere around wins over a command handler, which wins over nothing. */
function strongest(a: Imposed, b: Imposed): Imposed {
  if (a === 'test' || b === 'test') return 'test';
  return a ?? b;
}

function declaredFileContext(context: RuleContext): FileContextName | undefined {
  const settings = (context.settings as Record<string, unknown> | undefined)?.['async-pitfalls'];
  const declared = (settings as { codeContext?: unknown } | undefined)?.codeContext;
  return typeof declared === 'string' && DECLARABLE_FILE_CONTEXTS.has(declared) ? (declared as FileContextName) : undefined;
}

function hasExports(program: TSESTree.Program): boolean {
  for (const statement of program.body) {
    if (
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      statement.type === AST_NODE_TYPES.ExportAllDeclaration ||
      statement.type === AST_NODE_TYPES.TSExportAssignment
    ) {
      return true;
    }
  }
  // `module.exports = …`, `exports.x = …`, `module.exports.x = …` anywhere at the top level.
  return someOwnNode(program, node => {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) return false;
    let target: TSESTree.Node = node.left;
    while (target.type === AST_NODE_TYPES.MemberExpression) {
      if (target.object.type === AST_NODE_TYPES.Identifier && (target.object.name === 'exports' || (target.object.name === 'module' && staticPropertyName(target) === 'exports'))) {
        return true;
      }
      target = target.object;
    }
    return false;
  });
}

/** The file's path relative to `root`, with `/` separators, or undefined when it is not inside. */
function pathInside(root: string | undefined, filename: string): string | undefined {
  if (root === undefined) return undefined;
  const relative = path.relative(root, filename).split(path.sep).join('/');
  return relative === '' || relative.startsWith('../') || path.isAbsolute(relative) ? undefined : relative;
}

/** Calls that start serving: `x.listen(…)`, `createServer(…)`, `setInterval(…)`. */
function startsServing(program: TSESTree.Program): boolean {
  return someOwnNode(
    program,
    node => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const name = calleeName(node.callee);
      return name === 'listen' || name === 'createServer' || name === 'setInterval';
    },
    () => true,
  );
}

/**
 * A program file uses other modules (`import`, `require`, or `import('./main.js')` at its top
 * level, as a start script that loads the program and calls its `init()` does): an entry point, as
 * opposed to a snippet of code on its own, whose top-level calls are all there is to it.
 */
function importsSomething(program: TSESTree.Program): boolean {
  return program.body.some(
    statement =>
      statement.type === AST_NODE_TYPES.ImportDeclaration ||
      (statement.type === AST_NODE_TYPES.VariableDeclaration &&
        statement.declarations.some(
          declarator =>
            declarator.init?.type === AST_NODE_TYPES.CallExpression &&
            declarator.init.callee.type === AST_NODE_TYPES.Identifier &&
            declarator.init.callee.name === 'require',
        )) ||
      ((statement.type === AST_NODE_TYPES.ExpressionStatement || statement.type === AST_NODE_TYPES.VariableDeclaration) &&
        someOwnNode(statement, node => node.type === AST_NODE_TYPES.ImportExpression)),
  );
}

/** `process.on('unhandledRejection' | 'uncaughtException', handler)` calls of the file, anywhere in it. */
function processErrorHandlerCalls(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.CallExpression[] {
  return processListenerCalls(sourceCode)
    .added.filter(({ event }) => event === 'unhandledRejection' || event === 'uncaughtException')
    .map(({ call }) => call);
}

/**
 * True when one of the file's process-wide error handlers may keep the process running: its
 * function, written in place, never calls `process.exit`, or it is a function defined elsewhere.
 * A handler that reports and exits ends the process as an unhandled rejection would.
 */
function processErrorHandlerKeepsRunning(sourceCode: Readonly<TSESLint.SourceCode>, calls: readonly TSESTree.CallExpression[]): boolean {
  return calls.some(call => {
    const handler = call.arguments[1];
    return handler === undefined || !isFunctionNode(handler) || !callsProcessExit(sourceCode, handler.body);
  });
}

/** Longer lines are minified output, not source. */
const MINIFIED_LINE_LENGTH = 2000;
const GENERATED_MARKER = /@generated|do not edit|auto-?generated|generated by/i;

/** A generated header comment (`// @generated`, "DO NOT EDIT"), or a minified line. */
function isGeneratedSource(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const first = sourceCode.ast.comments?.[0];
  if (first && first.range[0] < 400 && GENERATED_MARKER.test(first.value)) return true;
  return sourceCode.lines.some(line => line.length > MINIFIED_LINE_LENGTH);
}

/** A yargs command module: it exports its `command` and its `handler`. */
function isCommandModule(program: TSESTree.Program): boolean {
  const exported = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) if (declarator.id.type === AST_NODE_TYPES.Identifier) exported.add(declarator.id.name);
    } else if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      exported.add(declaration.id.name);
    }
    for (const specifier of statement.specifiers) if (specifier.exported.type === AST_NODE_TYPES.Identifier) exported.add(specifier.exported.name);
  }
  return exported.has('command') && exported.has('handler');
}

/**
 * True when the package depends at run time (`dependencies`) on a server framework: it serves
 * requests, even when its only entry is a `bin` (etherpad-lite's, The Lounge's).
 */
function servesRequests(json: Readonly<Record<string, unknown>>): boolean {
  const dependencies = json.dependencies;
  if (typeof dependencies !== 'object' || dependencies === null) return false;
  return SERVER_FRAMEWORKS.some(name => Object.hasOwn(dependencies, name));
}

const PROMPTS_REASON = 'an interactive command-line tool (it prompts at the terminal)';
const DEVELOPMENT_ONLY_REASON = "development tooling: only the package's development scripts run it (package.json dev, watch)";

function classifyFile(context: RuleContext): { fileContext: FileContextName; fileReason: string } {
  const declared = declaredFileContext(context);
  if (declared) return { fileContext: declared, fileReason: 'declared in settings' };
  const filename = context.filename;
  const absolute = path.isAbsolute(filename);
  const manifest = absolute ? nearestPackageManifest(filename) : undefined;
  // Conventions hold relative to the package (`packages/x/test/`) and to the repository
  // (`scripts/` of a monorepo whose scripts folder is a package of its own).
  const packagePath = pathInside(manifest?.dir ?? context.cwd, filename);
  const repositoryPath = pathInside(absolute ? repositoryRoot(filename) : undefined, filename);
  const relativePaths = [packagePath, repositoryPath].filter((relative): relative is string => relative !== undefined);
  const program = context.sourceCode.ast;
  if (relativePaths.some(isTestPath)) return { fileContext: 'test', fileReason: 'a test file (by its path)' };
  if (usesTestFramework(program)) return { fileContext: 'test', fileReason: 'a test file (it uses a test framework)' };
  if (context.sourceCode.text.startsWith('#!')) return { fileContext: 'cli', fileReason: 'an executable script (shebang)' };
  if (manifest) {
    if (manifest.bin.includes(filename)) return { fileContext: 'cli', fileReason: "a package's bin entry" };
    const json = manifest.json;
    if (manifest.bin.length > 0 && json.main === undefined && json.exports === undefined && json.module === undefined && !servesRequests(json)) {
      return { fileContext: 'cli', fileReason: 'part of a package that is only a command-line tool (bin, no main or exports)' };
    }
    // `npm init x` runs the bin of `create-x`: a one-shot scaffolding tool, whatever else it exports.
    if (manifest.bin.length > 0 && /^(?:@[^/]+\/)?create-/.test(manifest.name ?? '')) {
      return { fileContext: 'cli', fileReason: 'part of an npm initializer (create-*), a one-shot command-line tool' };
    }
  }
  if (isCommandModule(program)) return { fileContext: 'cli', fileReason: 'a command module of a command-line tool (exports command and handler)' };
  if (dispatchesCommandLine(context.sourceCode)) return { fileContext: 'cli', fileReason: "a command-line program's dispatcher (it parses process.argv into commands)" };
  if ((packagePath !== undefined && isOneShotPath(packagePath)) || (repositoryPath !== undefined && isOneShotPath(repositoryPath, false))) return { fileContext: 'cli', fileReason: 'a script, migration, example or build tool (by its path)' };
  if (manifest && isDevelopmentScript(manifest, filename)) {
    return { fileContext: 'cli', fileReason: DEVELOPMENT_ONLY_REASON };
  }
  if (manifest && isPackageScript(manifest, filename) && !startsServing(program)) {
    return { fileContext: 'cli', fileReason: "run by the package's scripts, or beside scripts it runs (package.json scripts)" };
  }
  if (promptsAtTerminal(context.sourceCode)) return { fileContext: 'cli', fileReason: PROMPTS_REASON };
  return { fileContext: 'long-running', fileReason: 'long-running code' };
}

/**
 * The rule context another file of the project would be linted with, as far as the context model
 * reads one: its own source and path, no settings (a files-scoped config of the user's is not
 * known for it, so nothing is declared).
 */
function otherFileContext(context: RuleContext, sourceCode: Readonly<TSESLint.SourceCode>, filename: string): RuleContext {
  return { sourceCode, filename, physicalFilename: filename, cwd: context.cwd, settings: {}, options: [] } as unknown as RuleContext;
}

/**
 * The model of one file, shared by every rule linting it. Keyed by the file's syntax tree: oxlint
 * hands every file the same SourceCode object.
 */
const models = new WeakMap<object, CodeContextModel>();

export function getCodeContext(context: RuleContext): CodeContextModel {
  const program = context.sourceCode.ast;
  const cached = models.get(program);
  if (cached) return cached;
  const model = createModel(context);
  models.set(program, model);
  return model;
}

function createModel(context: RuleContext): CodeContextModel {
  const program = context.sourceCode.ast;
  const { fileContext, fileReason } = classifyFile(context);
  let entryModule: boolean | undefined;
  let commandClasses: ReadonlySet<string> | undefined;
  /** Per function: its own context when it decides one (a test callback, a command handler), else null. */
  const functionContexts = new WeakMap<FunctionNode, CodeContextName | null>();
  /** Per block: the index of its first statement that starts a server (`x.listen(…)`), or -1. */
  const listenIndexes = new WeakMap<TSESTree.BlockStatement, number>();

  function isCommandMethod(fn: FunctionNode): boolean {
    const method = fn.parent;
    if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.key.type !== AST_NODE_TYPES.Identifier) return false;
    if (method.key.name !== 'run' && method.key.name !== 'execute') return false;
    const owner = method.parent.parent;
    const base = owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression ? owner.superClass : null;
    if (base?.type !== AST_NODE_TYPES.Identifier) return false;
    commandClasses ??= commandClassNames(program);
    return commandClasses.has(base.name);
  }

  function ownContext(fn: FunctionNode): CodeContextName | null {
    let known = functionContexts.get(fn);
    if (known !== undefined) return known;
    const parent = fn.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument) && isTestRegistration(parent)) known = 'test';
    else if (isCommandHandler(fn) || isCommandMethod(fn)) known = 'cli';
    else known = null;
    functionContexts.set(fn, known);
    return known;
  }

  /** `server.listen(port)`, or the method handed on to be called (`promisify(server.listen).bind(server)(port)`). */
  const isListen = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node) === 'listen';

  /** Per function of the file: whether its own body starts serving. */
  const listeningFunctions = new WeakMap<FunctionNode, boolean>();

  /**
   * True when `call` runs a function of the file whose own body starts serving: etherpad-lite's
   * `createServer` prints its banner, then `await exports.restartServer()`, which listens.
   */
  function callsListeningFunction(call: TSESTree.CallExpression): boolean {
    const callee = call.callee;
    const fn =
      resolveLocalFunction(context.sourceCode, callee) ??
      (callee.type === AST_NODE_TYPES.MemberExpression ? resolveThisMethod(callee, false) : undefined) ??
      resolveCommonJsExportFunction(context.sourceCode, callee);
    if (!fn) return false;
    let listens = listeningFunctions.get(fn);
    if (listens === undefined) {
      listens = someOwnNode(fn.body, isListen);
      listeningFunctions.set(fn, listens);
    }
    return listens;
  }

  function listenIndex(body: TSESTree.BlockStatement): number {
    let index = listenIndexes.get(body);
    if (index !== undefined) return index;
    index = body.body.findIndex(statement =>
      someOwnNode(statement, node => isListen(node) || (node.type === AST_NODE_TYPES.CallExpression && callsListeningFunction(node))),
    );
    listenIndexes.set(body, index);
    return index;
  }

  /**
   * True when `node` runs before `fn` starts its server: in the body of `fn`, or in a block nested
   * in it (`if (ssl) { … }`), a later statement of the same block starts serving
   * (`this.server.listen(port)` after the TLS files are read), itself or through a function of
   * the file it calls.
   */
  function beforeListen(fn: FunctionNode, node: TSESTree.Node): boolean {
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return false;
    for (let child: TSESTree.Node = node, current = node.parent; current && current !== fn; child = current, current = current.parent) {
      if (current.type !== AST_NODE_TYPES.BlockStatement) continue;
      const index = listenIndex(current);
      if (index < 0) continue;
      // Found by position: a long body is not scanned once per report.
      const position = indexOfNodeAt(current.body, child.range[0]);
      if (position >= 0 && position < index) return true;
    }
    return false;
  }

  /** Per `if` condition: whether it holds only in development (`process.env.NODE_ENV === 'development'`). */
  const developmentTests = new WeakMap<TSESTree.Node, boolean>();
  const absoluteFilename = path.isAbsolute(context.filename) ? context.filename : undefined;
  function isDevelopmentOnly(test: TSESTree.Node): boolean {
    let known = developmentTests.get(test);
    if (known === undefined) {
      known = holdsOnlyInDevelopment(context.sourceCode, absoluteFilename, test);
      developmentTests.set(test, known);
    }
    return known;
  }

  /**
   * From `node` up to the nearest function: that function, and whether an
   * `if (require.main === module)` on the way makes it command-line code, or an `if` that holds
   * only in development makes it developer tooling (which the `cli` context stands for: nobody
   * else's work is in flight).
   */
  function climbToFunction(node: TSESTree.Node): { imposed: Imposed; fn?: FunctionNode } {
    let imposed: Imposed = null;
    for (let child: TSESTree.Node = node, current = node.parent; current; child = current, current = current.parent) {
      if (isFunctionNode(current)) return { imposed, fn: current };
      if (current.type === AST_NODE_TYPES.IfStatement && child === current.consequent && (isMainModuleTest(current.test) || isDevelopmentOnly(current.test))) {
        imposed = 'cli';
      }
    }
    return { imposed };
  }

  /** Per function: what it and all around it impose on the code inside, remembered per function. */
  const imposedByFunction = new WeakMap<FunctionNode, Imposed>();

  /**
   * What a function and everything around it impose: a test callback makes test code, a command
   * handler or `if (require.main === module)` command-line code. Each function asks the next one up
   * once: code nested thousands deep is not climbed to the top for each report.
   */
  function imposedBy(fn: FunctionNode): Imposed {
    const chain: { fn: FunctionNode; between: Imposed }[] = [];
    let above: Imposed = null;
    for (let current: FunctionNode | undefined = fn; current; ) {
      const known = imposedByFunction.get(current);
      if (known !== undefined) {
        above = known;
        break;
      }
      const step = climbToFunction(current);
      chain.push({ fn: current, between: step.imposed });
      current = step.fn;
    }
    for (let index = chain.length - 1; index >= 0; index--) {
      const { fn: current, between } = chain[index]!;
      above = strongest(strongest(ownContext(current) as Imposed, between), above);
      imposedByFunction.set(current, above);
    }
    return imposedByFunction.get(fn)!;
  }

  /**
   * Whether the file prompts through a relative module of the project (a prompt helper): command-
   * line code too. Asked only once a rule has something to report, as it reads the file system.
   */
  let promptingHelper: boolean | undefined;
  function promptsThroughHelper(): boolean {
    promptingHelper ??=
      fileContext === 'long-running' &&
      declaredFileContext(context) === undefined &&
      absoluteFilename !== undefined &&
      promptsThroughRelativeModule(context.sourceCode, absoluteFilename);
    return promptingHelper;
  }

  let serviceClasses: ReadonlySet<TSESTree.Node> | undefined;
  function inServiceMember(node: TSESTree.Node): boolean {
    for (let current = node.parent; current; current = current.parent) {
      if (current.type !== AST_NODE_TYPES.MethodDefinition && current.type !== AST_NODE_TYPES.PropertyDefinition) continue;
      serviceClasses ??= testRunnerServiceClasses(program);
      if (serviceClasses.has(current.parent.parent)) return true;
    }
    return false;
  }

  /**
   * Where `node` runs by what the file shows. `asCaller`: asked of a call by the callers model,
   * which is told apart a call in a file that is command-line code only because it prompts at the
   * terminal ('prompting'): a class whose one method asks the user to confirm may be run by a
   * daemon too (ioBroker's `Upgrade`).
   */
  function contextInFile(node: TSESTree.Node, asCaller: true): CallSituation;
  function contextInFile(node: TSESTree.Node): CodeContextName;
  function contextInFile(node: TSESTree.Node, asCaller = false): CallSituation {
    if (fileContext === 'test') return 'test';
    const { imposed, fn: innermostFunction } = climbToFunction(node);
    const verdict = strongest(imposed, innermostFunction ? imposedBy(innermostFunction) : null);
    if (verdict === 'test') return 'test';
    if (verdict === 'cli') return 'cli';
    if (fileContext === 'cli') return asCaller && fileReason === PROMPTS_REASON ? 'prompting' : 'cli';
    if (promptsThroughHelper()) return asCaller ? 'prompting' : 'cli';
    if (!innermostFunction) return 'startup';
    if (beforeListen(innermostFunction, node)) return 'startup';
    return 'long-running';
  }

  /**
   * Where the callers of the function `node` runs in run, when they are all known and none is
   * long-running; asked only of code the file shows to be long-running, and only when a rule has
   * something to report there (it reads the package's other files).
   */
  function callers(node: TSESTree.Node): ReadonlySet<CallSituation> | undefined {
    if (absoluteFilename === undefined || declaredFileContext(context) !== undefined) return undefined;
    const owner = owningFunction(node);
    if (!owner || inConditionLoop(node, owner)) return undefined;
    return callerSituations(context.sourceCode, absoluteFilename, owner, (sourceCode, filename, at) =>
      sourceCode === context.sourceCode ? model.situationInFile(at) : getCodeContext(otherFileContext(context, sourceCode, filename)).situationInFile(at),
    );
  }

  let topLevelRejections: boolean | undefined;
  let script: boolean | undefined;
  let browser: boolean | undefined;
  let application: boolean | undefined;
  let errorHandlerCalls: TSESTree.CallExpression[] | undefined;
  let errorHandlerKeepsRunning: boolean | undefined;
  let logsLostRejections: boolean | undefined;
  const model: CodeContextModel = {
    fileContext,
    fileReason,
    developmentOnly: fileReason === DEVELOPMENT_ONLY_REASON,
    get isEntryModule(): boolean {
      entryModule ??= !hasExports(program);
      return entryModule;
    },
    get topLevelRejectionsEndTheProgram(): boolean {
      // Node ends the process on an unhandled rejection and prints it (or hands it to the
      // program's own handler): for the entry module's own start call, what its start-up would
      // do anyway. Not in a page, where a rejection only reaches the console and the page stays.
      topLevelRejections ??= this.isEntryModule && importsSomething(program) && !this.runsInBrowser;
      return topLevelRejections;
    },
    get isScript(): boolean {
      script ??= this.isEntryModule && importsSomething(program) && !startsServing(program);
      return script;
    },
    get installsProcessErrorHandler(): boolean {
      errorHandlerCalls ??= processErrorHandlerCalls(context.sourceCode);
      return errorHandlerCalls.length > 0;
    },
    get processErrorHandlerKeepsRunning(): boolean {
      errorHandlerCalls ??= processErrorHandlerCalls(context.sourceCode);
      errorHandlerKeepsRunning ??= processErrorHandlerKeepsRunning(context.sourceCode, errorHandlerCalls);
      return errorHandlerKeepsRunning;
    },
    get programLogsLostRejections(): boolean {
      logsLostRejections ??= programLogsLostRejections(absoluteFilename ?? '');
      return logsLostRejections;
    },
    isGenerated: isGeneratedSource(context.sourceCode),
    get runsInBrowser(): boolean {
      browser ??= runsInBrowser(context.sourceCode, absoluteFilename);
      return browser;
    },
    get inApplication(): boolean {
      if (application === undefined) {
        const manifest = absoluteFilename === undefined ? undefined : nearestPackageManifest(absoluteFilename);
        application = manifest !== undefined && startsOwnProgram(manifest);
      }
      return application;
    },
    inTestRunnerService(node: TSESTree.Node): boolean {
      if (inServiceMember(node)) return true;
      const situations = callers(node);
      return situations !== undefined && situations.has('service');
    },
    contextOf(node: TSESTree.Node): CodeContextName {
      const where = contextInFile(node);
      if (where !== 'long-running') return where;
      const situations = callers(node);
      // A service hook is long-running code for every rule but the one about blocking calls.
      if (situations === undefined || situations.has('service')) return 'long-running';
      return situations.has('startup') ? 'startup' : situations.has('cli') ? 'cli' : 'test';
    },
    situationInFile(node: TSESTree.Node): CallSituation {
      const where = contextInFile(node, true);
      return where === 'long-running' && inServiceMember(node) ? 'service' : where;
    },
  };
  return model;
}
