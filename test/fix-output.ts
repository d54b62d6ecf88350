import * as path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import * as ts from 'typescript';

import { rules } from '../eslint-plugin/src/rules';
import { LONG_RUNNING_SETTINGS } from './rule-tester';

const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;
const SCRIPT_FILE = /\.cjs$/;

/** The code after applying one suggestion of one report, linting as a user's ESLint would (`filename` decides the folder and its package.json). */
export function applySuggestion(
  ruleName: keyof typeof rules,
  code: string,
  filename: string,
  options: unknown[] = [],
  { report = 0, suggestion = 0 } = {},
): string {
  const linter = new Linter({ configType: 'flat', cwd: path.dirname(filename) });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
        languageOptions: { parser: tseslint.parser, sourceType: SCRIPT_FILE.test(filename) ? 'script' : 'module' },
        plugins: { 'async-pitfalls': { rules } as never },
        rules: { [`async-pitfalls/${ruleName}`]: ['error', ...options] },
        // The fixture packages live under test/: declared the long-running code they stand for.
        settings: LONG_RUNNING_SETTINGS,
      },
    ],
    filename,
  );
  const fix = messages[report]?.suggestions?.[suggestion]?.fix;
  if (!fix) throw new Error(`no suggestion ${suggestion} on report ${report}: ${JSON.stringify(messages)}`);
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

/**
 * The syntax errors of `code`: TypeScript's own parser for a TypeScript file, ESLint's default
 * parser (espree) for JavaScript, as a module or, for `.cjs`, a script.
 */
export function syntaxErrors(code: string, filename: string): string[] {
  if (TYPESCRIPT_FILE.test(filename)) {
    const output = ts.transpileModule(code, { fileName: path.basename(filename), reportDiagnostics: true });
    return (output.diagnostics ?? []).map(diagnostic => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  const linter = new Linter({ configType: 'flat' });
  return linter
    .verify(code, { languageOptions: { sourceType: SCRIPT_FILE.test(filename) ? 'script' : 'module' } })
    .filter(message => message.fatal)
    .map(message => message.message);
}

/** The type errors of a TypeScript file on its own (strict, the ES2022 library alone), to check that a fix's code type-checks. */
export function typeErrors(code: string): string[] {
  const fileName = path.join(__dirname, '__fix_output__.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = file => (file === fileName ? code : readFile(file));
  host.fileExists = file => file === fileName || fileExists(file);
  host.getSourceFile = (file, language, ...rest) =>
    file === fileName ? ts.createSourceFile(file, code, language, true) : getSourceFile(file, language, ...rest);
  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map(diagnostic => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}
