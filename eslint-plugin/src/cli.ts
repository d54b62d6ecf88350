import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint as ESLintClass, Linter } from 'eslint';

import type { ConfigName } from './configs';
import { DEFAULT_IGNORES, LINTED_FILE_PATTERNS, createDefaultConfig, withoutForeignRuleProblems } from './default-config';

const CONFIG_NAMES: readonly ConfigName[] = ['recommended', 'strict', 'all'];

/** Above this size an explicitly named file is skipped: it is generated or minified, not code to review. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

const LINTED_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const HELP = `Usage: async-pitfalls [options] [paths...]

Lints JavaScript and TypeScript files for the classic mistakes of asynchronous code, with the
plugin's own configuration (no ESLint configuration of yours is read). Paths default to ".".
node_modules, dist, coverage and *.min.js are not linted.

Options:
  --config <name>   recommended (default), strict or all
  --types           type-aware: use the project's tsconfig (needs the typescript package)
  --fix             apply the safe automatic fixes to the files
  --format <name>   an ESLint formatter: stylish (default), json, json-with-metadata, html, ...
  -h, --help        show this help
  -v, --version     show the version

Exit codes: 0 no errors, 1 errors found, 2 bad usage.
`;

class UsageError extends Error {}

interface CliOptions {
  paths: string[];
  config: ConfigName;
  typeAware: boolean;
  fix: boolean;
  format: string;
  help: boolean;
  version: boolean;
}

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

function parseCommandLine(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        types: { type: 'boolean' },
        fix: { type: 'boolean' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseArgsError(error));
  }
  const { values, positionals } = parsed;
  const config = values.config ?? 'recommended';
  if (!(CONFIG_NAMES as readonly string[]).includes(config)) {
    throw new UsageError(`unknown --config '${config}': use ${CONFIG_NAMES.join(', ')}`);
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    config: config as ConfigName,
    typeAware: values.types ?? false,
    fix: values.fix ?? false,
    format: values.format ?? 'stylish',
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/** node's own messages are long and mention `--` tricks; a user needs the option and the way out. */
function describeParseArgsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-[^']*)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}' (see --help)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing/.test(message) ? `option '${option}' needs a value (see --help)` : `option '${option}' takes no value (see --help)`;
  }
  return message.split('\n')[0] ?? message;
}

function packageVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../package.json') as { version: string }).version;
}

interface LoadedParser {
  parser: TSESLint.FlatConfig.Parser | undefined;
  /** Why TypeScript support is missing, when it is. */
  missing?: string;
}

function loadTypeScriptParser(): LoadedParser {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return { parser: require('@typescript-eslint/parser') as TSESLint.FlatConfig.Parser };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'MODULE_NOT_FOUND' && /typescript/.test(String((error as Error).message))) {
      return { parser: undefined, missing: 'the typescript package is not installed' };
    }
    throw error;
  }
}

function loadESLint(): typeof ESLintClass {
  try {
    // eslint is a peer dependency: the user's own ESLint 9 or 10 does the linting.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('eslint') as { ESLint: typeof ESLintClass }).ESLint;
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') {
      throw new UsageError('ESLint is not installed: npm install --save-dev eslint');
    }
    throw error;
  }
}

/** True when the first bytes hold a NUL: text source files never do. */
async function looksBinary(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

/**
 * Splits the paths into what ESLint should lint and what is skipped with a reason. A missing path
 * is a usage error; a file named explicitly that is binary, huge or not JS/TS is skipped with a
 * note, so that one stray argument does not stop the run.
 */
async function checkPaths(paths: string[]): Promise<{ lintable: string[]; skipped: string[] }> {
  const lintable: string[] = [];
  const skipped: string[] = [];
  for (const given of paths) {
    let stats: Stats;
    try {
      stats = await fs.stat(given);
    } catch {
      throw new UsageError(`no such file or directory: ${given}`);
    }
    if (stats.isDirectory()) {
      lintable.push(given);
      continue;
    }
    if (!LINTED_EXTENSIONS.has(path.extname(given).toLowerCase())) {
      skipped.push(`${given}: skipped, not a JavaScript or TypeScript file`);
    } else if (stats.size > MAX_FILE_BYTES) {
      const megabytes = (stats.size / 1024 / 1024).toFixed(1);
      skipped.push(`${given}: skipped, ${megabytes} MB is larger than the ${MAX_FILE_BYTES / 1024 / 1024} MB limit`);
    } else if (await looksBinary(given)) {
      skipped.push(`${given}: skipped, binary file`);
    } else {
      lintable.push(given);
    }
  }
  return { lintable, skipped };
}

const NOT_IN_PROJECT = /was not found by the project service|not included in this project|allowDefaultProject/;

/**
 * ESLint lints nothing outside its `cwd`; the common ancestor of the working directory and every
 * path lets `async-pitfalls ../other` work. Ignore patterns start with `**`, so they hold anywhere.
 */
function baseDirectory(paths: string[]): string {
  let base = process.cwd();
  for (const given of paths) {
    const absolute = path.resolve(given);
    while (path.relative(base, absolute).startsWith('..')) base = path.dirname(base);
  }
  return base;
}

function createESLint(
  ESLint: typeof ESLintClass,
  plugin: TSESLint.FlatConfig.Plugin,
  parser: TSESLint.FlatConfig.Parser | undefined,
  options: CliOptions,
  typeAware: boolean,
  cwd: string,
): ESLintClass {
  const config: TSESLint.FlatConfig.ConfigArray = [
    { name: 'async-pitfalls/ignores', ignores: DEFAULT_IGNORES },
    ...createDefaultConfig(plugin, parser, { config: options.config, typeAware, tsconfigRootDir: process.cwd() }),
  ];
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    // typescript-eslint's config types and ESLint's describe the same objects.
    overrideConfig: config as unknown as Linter.Config[],
    fix: options.fix,
    errorOnUnmatchedPattern: false,
  });
}

async function lint(options: CliOptions, output: Output): Promise<number> {
  const { lintable, skipped } = await checkPaths(options.paths);
  const ESLint = loadESLint();
  // Without typescript, JavaScript is still linted and each TypeScript file says why it is not.
  const { parser, missing } = loadTypeScriptParser();
  if (options.typeAware && !parser) throw new UsageError(`--types needs TypeScript: ${missing ?? ''}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const plugin = require('./index') as TSESLint.FlatConfig.Plugin;

  const cwd = baseDirectory(lintable);
  const eslint = createESLint(ESLint, plugin, parser, options, options.typeAware, cwd);
  let formatter: ESLintClass.LoadedFormatter;
  try {
    formatter = await eslint.loadFormatter(options.format);
  } catch {
    throw new UsageError(`unknown --format '${options.format}': use stylish, json, json-with-metadata, html or an installed eslint-formatter-<name>`);
  }

  let results = lintable.length > 0 ? await eslint.lintFiles(lintable) : [];

  // A file outside every tsconfig cannot get type information; lint it without rather than fail it.
  const outsideProject: string[] = [];
  if (options.typeAware) {
    const needUntyped = results.filter(result => result.messages.some(message => message.fatal && NOT_IN_PROJECT.test(message.message)));
    if (needUntyped.length > 0) {
      const untyped = createESLint(ESLint, plugin, parser, options, false, cwd);
      const relinted = new Map((await untyped.lintFiles(needUntyped.map(result => result.filePath))).map(result => [result.filePath, result]));
      results = results.map(result => relinted.get(result.filePath) ?? result);
      outsideProject.push(...needUntyped.map(result => path.relative(process.cwd(), result.filePath)));
    }
  }

  results = results.map(withoutForeignRuleProblems);
  if (options.fix) await ESLint.outputFixes(results);

  const text = await formatter.format(results);
  if (text) output.out(text.endsWith('\n') ? text : `${text}\n`);

  const notes: string[] = [...skipped];
  const unparsable = results.filter(result => result.messages.some(message => message.fatal));
  for (const result of unparsable) {
    const fatal = result.messages.find(message => message.fatal);
    const where = fatal?.line ? `:${fatal.line}:${fatal.column}` : '';
    notes.push(`${path.relative(process.cwd(), result.filePath)}${where}: not linted: ${fatal?.message ?? 'parsing failed'}`);
  }
  if (outsideProject.length > 0) {
    notes.push(`linted without type information (in no tsconfig): ${outsideProject.join(', ')}`);
  }
  if (lintable.length > 0 && results.length === 0) {
    notes.push(`no files to lint (looked for ${LINTED_FILE_PATTERNS.join(', ')})`);
  }
  for (const note of notes) output.err(`async-pitfalls: ${note}\n`);

  const errorCount = results.reduce((sum, result) => sum + result.errorCount, 0);
  return errorCount > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Runs the command line; resolves to the exit code. */
export async function main(
  argv: string[],
  output: Output = { out: text => process.stdout.write(text), err: text => process.stderr.write(text) },
): Promise<number> {
  try {
    const options = parseCommandLine(argv);
    if (options.help) {
      output.out(HELP);
      return EXIT_OK;
    }
    if (options.version) {
      output.out(`${packageVersion()}\n`);
      return EXIT_OK;
    }
    return await lint(options, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`async-pitfalls: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
