import * as path from 'node:path';
import { parseArgs } from 'node:util';

import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint as ESLintClass, Linter } from 'eslint';

import { displayPath, listFiles, MAX_FILE_BYTES } from './cli/files';
import { createProgress } from './cli/progress';
import { formatSarif } from './cli/sarif';
import { commonAncestor, findTypedFiles } from './cli/tsconfig-programs';
import type { TypeScriptSetup } from './cli/typescript';
import { setUpTypeScript } from './cli/typescript';
import type { ConfigName } from './configs';
import { CONFIG_NAMES } from './configs';
import { createDefaultConfig, withoutForeignConfigProblems } from './default-config';

export { MAX_FILE_BYTES } from './cli/files';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Files handed to ESLint at a time: the progress line moves between two batches. */
const BATCH_SIZE = 25;
/** A list of files in a note stops after this many, with the count of the others. */
const LISTED_FILES = 20;

const HELP = `Usage: async-pitfalls [options] [paths...]

Lints JavaScript and TypeScript files for the classic mistakes of asynchronous code, with the
plugin's own configuration (no ESLint configuration of yours is read). Paths default to ".".
In folders, node_modules, dist, coverage, *.min.js and what .gitignore excludes are not linted;
files larger than ${MAX_FILE_BYTES / 1_000_000} MB and binary files are skipped with a note.

Options:
  --config <name>          recommended (default), strict or all
  --types                  type-aware: each file's tsconfig.json gives it types (needs typescript)
  --fix                    apply the safe automatic fixes to the files
  --format <name>          stylish (default), json, json-with-metadata, html, sarif, or an
                           installed eslint-formatter-<name>
  --ignore-pattern <glob>  leave out what a .gitignore-style pattern matches (from the current
                           folder); repeatable
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors, 1 errors found, 2 bad usage.
`;

class UsageError extends Error {}

interface CliOptions {
  paths: string[];
  config: ConfigName;
  typeAware: boolean;
  fix: boolean;
  format: string;
  ignorePatterns: string[];
  help: boolean;
  version: boolean;
}

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal: only then does a long run show its progress. */
  errIsTerminal?: boolean;
  /** How long a run goes before its progress shows (default one second). */
  progressDelayMs?: number;
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
        'ignore-pattern': { type: 'string', multiple: true },
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
    ignorePatterns: values['ignore-pattern'] ?? [],
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

const NOT_IN_PROJECT = /was not found by the project service|not included in this project|allowDefaultProject/;

/** A list of files, one per line under its heading, the first `LISTED_FILES` of them. */
function fileListNote(heading: string, files: readonly string[]): string {
  const shown = files.slice(0, LISTED_FILES).map(file => `\n  ${file}`);
  const more = files.length > LISTED_FILES ? `\n  … and ${files.length - LISTED_FILES} more` : '';
  return `${heading} (${files.length}):${shown.join('')}${more}`;
}

interface LintSetup {
  ESLint: typeof ESLintClass;
  plugin: TSESLint.FlatConfig.Plugin;
  parser: TSESLint.FlatConfig.Parser | undefined;
  missingTypeScript: string | undefined;
  options: CliOptions;
  /** ESLint lints nothing outside its `cwd`: the common ancestor of the current folder and every file. */
  cwd: string;
}

/** `--types`: which files get a program, and where the parser's project service looks for tsconfigs. */
interface TypedLinting {
  typedFiles: (file: string) => boolean;
  tsconfigRootDir: string;
}

function createESLint(setup: LintSetup, types: TypedLinting | undefined): ESLintClass {
  const config = createDefaultConfig(setup.plugin, setup.parser, {
    config: setup.options.config,
    typeAware: types !== undefined,
    typedFiles: types?.typedFiles,
    tsconfigRootDir: types?.tsconfigRootDir,
    missingTypeScript: setup.missingTypeScript,
  });
  return new setup.ESLint({
    cwd: setup.cwd,
    overrideConfigFile: true,
    // typescript-eslint's config types and ESLint's describe the same objects.
    overrideConfig: config as unknown as Linter.Config[],
    fix: setup.options.fix,
    errorOnUnmatchedPattern: false,
  });
}

async function lint(options: CliOptions, output: Output): Promise<number> {
  const cwd = process.cwd();
  const listing = await listFiles(options.paths, { cwd, ignorePatterns: options.ignorePatterns, gitignore: true });
  if (listing.missing.length > 0) throw new UsageError(`no such file or directory: ${listing.missing[0] ?? ''}`);
  const files = listing.files;
  const ESLint = loadESLint();
  // TypeScript takes a second or two to load: only when there is TypeScript to parse.
  const needsTypeScript = options.typeAware || files.some(file => /\.[cm]?tsx?$/i.test(file));
  const typescript: TypeScriptSetup = needsTypeScript ? setUpTypeScript(cwd) : {};
  if (options.typeAware && !typescript.parser) throw new UsageError(`--types needs TypeScript: ${typescript.missing ?? ''}`);
  if (typescript.note) output.err(`async-pitfalls: ${typescript.note}\n`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const plugin = require('./index') as TSESLint.FlatConfig.Plugin;

  const setup: LintSetup = {
    ESLint,
    plugin,
    parser: typescript.parser,
    missingTypeScript: typescript.missing,
    options,
    cwd: files.reduce((base, file) => commonAncestor(base, path.dirname(file)), cwd),
  };
  let types: TypedLinting | undefined;
  const untypedFiles: string[] = [];
  if (options.typeAware && typescript.typescript) {
    const { typed, tsconfigRootDir } = findTypedFiles(typescript.typescript, files);
    types = { typedFiles: file => typed.has(file), tsconfigRootDir: tsconfigRootDir ?? cwd };
    untypedFiles.push(...files.filter(file => !typed.has(file)));
  }
  const eslint = createESLint(setup, types);
  const sarif = options.format === 'sarif';
  let formatter: ESLintClass.LoadedFormatter | undefined;
  if (!sarif) {
    try {
      formatter = await eslint.loadFormatter(options.format);
    } catch {
      throw new UsageError(
        `unknown --format '${options.format}': use stylish, json, json-with-metadata, html, sarif or an installed eslint-formatter-<name>`,
      );
    }
  }

  const progress = createProgress(files.length, {
    write: output.err,
    isTerminal: output.errIsTerminal ?? false,
    delayMs: output.progressDelayMs ?? 1000,
  });
  let results: ESLintClass.LintResult[] = [];
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    results.push(...(await eslint.lintFiles(files.slice(start, start + BATCH_SIZE))));
    progress.update(Math.min(start + BATCH_SIZE, files.length));
  }
  progress.finish();

  // A file the project service could not place after all is linted without types rather than failed.
  if (types) {
    const needUntyped = results.filter(result => result.messages.some(message => message.fatal && NOT_IN_PROJECT.test(message.message)));
    if (needUntyped.length > 0) {
      const untyped = createESLint(setup, undefined);
      const relinted = new Map((await untyped.lintFiles(needUntyped.map(result => result.filePath))).map(result => [result.filePath, result]));
      results = results.map(result => relinted.get(result.filePath) ?? result);
      untypedFiles.push(...needUntyped.map(result => result.filePath));
    }
  }

  results = results.map(withoutForeignConfigProblems);
  if (options.fix) await ESLint.outputFixes(results);

  const text = sarif
    ? formatSarif(results, eslint.getRulesMetaForResults(results), { cwd, toolVersion: packageVersion() })
    : await formatter!.format(results);
  if (text) output.out(text.endsWith('\n') ? text : `${text}\n`);

  const display = (file: string): string => displayPath(cwd, file);
  const notes: string[] = [...listing.skipped];
  for (const result of results) {
    const fatal = result.messages.find(message => message.fatal);
    if (!fatal) continue;
    const where = fatal.line ? `:${fatal.line}:${fatal.column}` : '';
    notes.push(`${display(result.filePath)}${where}: not linted: ${fatal.message}`);
  }
  if (untypedFiles.length > 0) {
    notes.push(fileListNote('linted without type information, in no tsconfig', untypedFiles.sort().map(display)));
  }
  if (files.length === 0 && listing.skipped.length === 0) {
    notes.push('no files to lint (looked for .js, .mjs, .cjs, .jsx, .ts, .mts, .cts and .tsx files)');
  }
  for (const note of notes) output.err(`async-pitfalls: ${note}\n`);

  const errorCount = results.reduce((sum, result) => sum + result.errorCount, 0);
  return errorCount > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** Runs the command line; resolves to the exit code. */
export async function main(
  argv: string[],
  output: Output = {
    out: text => process.stdout.write(text),
    err: text => process.stderr.write(text),
    errIsTerminal: process.stderr.isTTY,
  },
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
