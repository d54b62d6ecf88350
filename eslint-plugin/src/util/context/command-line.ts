import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import { resolveModuleFile } from '../declarations/modules';
import { staticPropertyName } from '../imports';
import { packageFilesGeneration } from '../project/package-files';
import { sourceCodeOfFile } from '../source/disk-source-code';
import { moduleSpecifiers } from '../source/module-specifiers';
import { someOwnNode } from '../walk';
import { isProcessProperty } from './process-calls';

/**
 * One-shot code by where it lives, relative to the package or repository root: executables and
 * scripts (`bin/`, `scripts/`, `tools/`), benchmarks, documentation sites and their tooling
 * (`docs/`, `website/`), the tooling folders of editors and CI (`.github/`, `.husky/`, any root
 * folder starting with a dot), database migrations and seeds anywhere, and build tools'
 * configuration files (`vite.config.ts`, `gulpfile.js`, …). Such code runs once, with nothing else
 * in flight. (`examples/` is not among them: an example is often a long-running program.)
 */
const ONE_SHOT_FOLDER = /^(?:bin|scripts?|tools|benchmarks?|bench|docs?|website)\/|(?:^|\/)(?:migrations?|seeds)\//i;
/** A package's own tooling folders start with a dot (`.github/`, `.husky/`, `.vitepress/`). */
const TOOLING_FOLDER = /^\.[\w-]+\//;
const BUILD_TOOL_FILE = /(?:^|\/)(?:[\w-]+\.config|gulpfile|gruntfile|jakefile)(?:\.[\w-]+)?\.[cm]?[jt]s$/i;

/**
 * True when a path, relative to a package root (`packageRoot`) or to the repository root, is
 * one-shot code. Dot folders count only at the package root: a package of its own may live in a
 * dot folder of a repository (a scratch project in `.tmp/`).
 */
export function isOneShotPath(relativePath: string, packageRoot = true): boolean {
  return ONE_SHOT_FOLDER.test(relativePath) || BUILD_TOOL_FILE.test(relativePath) || (packageRoot && TOOLING_FOLDER.test(relativePath));
}

function isIdentifier(node: TSESTree.Node | undefined, name: string): boolean {
  return node?.type === AST_NODE_TYPES.Identifier && node.name === name;
}

function isMember(node: TSESTree.Node | undefined, object: string, property: string): boolean {
  return node?.type === AST_NODE_TYPES.MemberExpression && isIdentifier(node.object, object) && staticPropertyName(node) === property;
}

/**
 * `require.main === module`, `module === require.main`, `import.meta.main` (Deno, Bun, Node 24+)
 * and `process.argv[1] === fileURLToPath(import.meta.url)`-style tests: the file was run, not
 * imported.
 */
export function isMainModuleTest(test: TSESTree.Expression): boolean {
  if (test.type === AST_NODE_TYPES.MemberExpression) {
    return test.object.type === AST_NODE_TYPES.MetaProperty && staticPropertyName(test) === 'main';
  }
  if (test.type !== AST_NODE_TYPES.BinaryExpression || (test.operator !== '===' && test.operator !== '==')) return false;
  const sides = [test.left, test.right];
  if (sides.some(side => isMember(side, 'require', 'main')) && sides.some(side => isIdentifier(side, 'module'))) return true;
  // `process.argv[1] === …`: the script path given to node.
  return sides.some(
    side =>
      side.type === AST_NODE_TYPES.MemberExpression &&
      side.computed &&
      side.property.type === AST_NODE_TYPES.Literal &&
      side.property.value === 1 &&
      isMember(side.object, 'process', 'argv'),
  );
}

/** The methods of a command-line framework's chain that take a command's handler. */
const COMMAND_CHAIN_METHODS = new Set(['command', 'option', 'requiredOption', 'argument', 'arguments', 'description', 'alias', 'usage', 'version', 'name', 'addOption', 'allowUnknownOption', 'helpOption']);

/** True when a member chain below `node` calls `.command(…)` (commander, cac, sade, yargs). */
function chainHasCommand(node: TSESTree.Node): boolean {
  let current = node;
  for (let depth = 0; depth < 32; depth++) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = current.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = staticPropertyName(callee);
      if (method === 'command') return true;
      if (method === undefined || !COMMAND_CHAIN_METHODS.has(method)) return false;
      current = callee.object;
    } else {
      return false;
    }
  }
  return false;
}

/**
 * True when `fn` is a command-line framework's command handler: commander's, cac's and sade's
 * `.command(…)….action(fn)`, yargs' `.command(name, description, builder, fn)` and
 * `.command({ handler: fn })`.
 */
export function isCommandHandler(fn: TSESTree.Node): boolean {
  const parent = fn.parent;
  if (!parent) return false;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
    const callee = parent.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = staticPropertyName(callee);
    if (method === 'action') return chainHasCommand(callee.object);
    if (method === 'command') return parent.arguments.length >= 2 && parent.arguments[parent.arguments.length - 1] === fn;
    return false;
  }
  // `.command({ command: 'x', handler: fn })`
  if (
    parent.type === AST_NODE_TYPES.Property &&
    parent.value === fn &&
    !parent.computed &&
    isIdentifier(parent.key, 'handler') &&
    parent.parent.type === AST_NODE_TYPES.ObjectExpression
  ) {
    const owner = parent.parent.parent;
    return (
      owner?.type === AST_NODE_TYPES.CallExpression &&
      owner.callee.type === AST_NODE_TYPES.MemberExpression &&
      staticPropertyName(owner.callee) === 'command'
    );
  }
  return false;
}

/** Base classes of command-line frameworks whose `run`/`execute` method is a command (oclif, clipanion). */
const COMMAND_CLASS_MODULES = new Set(['@oclif/core', '@oclif/command', 'clipanion']);

/** The modules of this program's imports of `Command`, for `class X extends Command { async run() }`. */
export function commandClassNames(program: TSESTree.Program): ReadonlySet<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !COMMAND_CLASS_MODULES.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported.type === AST_NODE_TYPES.Identifier && specifier.imported.name === 'Command') {
        names.add(specifier.local.name);
      }
    }
  }
  return names;
}

/** Command-line parsers that define commands: yargs, commander, cac, sade. */
const COMMAND_PARSER_MODULES = /^(?:yargs(?:\/yargs)?|commander|cac|sade)$/;
/** The methods by which a parser is given the process's arguments (`program.parse(process.argv)`). */
const PARSE_METHODS = new Set(['parse', 'parseAsync', 'parseSync']);

/**
 * True when the file is a command-line program's dispatcher: it imports a command parser, defines
 * commands with `.command(…)`, and hands it the process's arguments (`yargs(process.argv.slice(2))`,
 * `yargs(hideBin(process.argv))`, `program.parse(process.argv)`). What it runs runs for one
 * command of one invocation, whatever function the file exports to its bin (ioBroker's `iobroker`
 * command loads such a file through the package's `execute()`).
 */
export function dispatchesCommandLine(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // Asked of every file: the text decides most without a walk of the tree.
  if (!sourceCode.text.includes('process.argv') || !sourceCode.text.includes('.command(')) return false;
  const program = sourceCode.ast;
  const specifiers = moduleSpecifiers(program);
  if (!specifiers.uses.some(use => COMMAND_PARSER_MODULES.test(use.value))) return false;
  let definesCommand = false;
  let parsesArguments = false;
  someOwnNode(
    program,
    node => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = node.callee;
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(callee) : undefined;
      if (method === 'command') definesCommand = true;
      else if (
        (callee.type === AST_NODE_TYPES.Identifier || (method !== undefined && PARSE_METHODS.has(method))) &&
        node.arguments.some(argument => someOwnNode(argument, inner => isProcessProperty(inner, 'argv'), () => false))
      ) {
        parsesArguments = true;
      }
      return definesCommand && parsesArguments;
    },
    () => true,
  );
  return definesCommand && parsesArguments;
}

/** By entry file: whether it hands out a dispatcher, and the listings' generation that answer was read in. */
const handingOut = new Map<string, { generation: number; answer: boolean }>();

/**
 * True when the package entry `entry` is a command-line tool's: it is a dispatcher itself, or it
 * re-exports one of its package's modules that is (ioBroker's `@iobroker/js-controller-cli`
 * exports `execute` from the yargs dispatcher its `iobroker` bin runs). Remembered per file until
 * the package listings change.
 */
export function handsOutCommandLine(entry: string): boolean {
  const generation = packageFilesGeneration();
  const known = handingOut.get(entry);
  if (known?.generation === generation) return known.answer;
  const sourceCode = sourceCodeOfFile(entry);
  let answer = false;
  if (sourceCode) {
    answer =
      dispatchesCommandLine(sourceCode) ||
      sourceCode.ast.body.some(statement => {
        if ((statement.type !== AST_NODE_TYPES.ExportNamedDeclaration && statement.type !== AST_NODE_TYPES.ExportAllDeclaration) || !statement.source) return false;
        const target = resolveModuleFile(entry, statement.source.value);
        const exported = target === undefined ? undefined : sourceCodeOfFile(target);
        return exported !== undefined && dispatchesCommandLine(exported);
      });
  }
  handingOut.set(entry, { generation, answer });
  return answer;
}
