import * as path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import * as eslintScope from 'eslint-scope';
import * as espree from 'espree';
import * as ts from 'typescript';

import plugin from '../../eslint-plugin/src/index';

export type Language = 'js' | 'ts';
/** ESLint's own parser (espree) or typescript-eslint's. */
export type ParserName = 'espree' | 'typescript-eslint';

export interface ParseSettings {
  language: Language;
  parser: ParserName;
  sourceType: 'module' | 'script';
  /**
   * The project folder the program is linted in, relative to the repository (see `PROJECTS`): its
   * package.json decides what some fixes may use (Express 4's `next`, p-limit, `await using`).
   */
  project?: string;
}

const REPOSITORY = path.join(__dirname, '..', '..');

/**
 * Projects a program may belong to: the repository itself (Node 20, no dependencies) and fixtures
 * whose package.json turns on the fixes that depend on it.
 */
export const PROJECTS = [
  '',
  'test/fixtures/express-4-project',
  'test/fixtures/with-p-limit',
  'test/fixtures/with-p-limit-3',
  'test/fixtures/with-p-limit-7',
  'test/fixtures/runtime/node24',
] as const;

export const NAMESPACE = 'async-pitfalls';
const linter = new Linter({ configType: 'flat' });

export function fileName(language: Language): string {
  return language === 'ts' ? 'program.ts' : 'program.js';
}

export function lintConfig(settings: ParseSettings, rules: Record<string, TSESLint.FlatConfig.RuleEntry>): Linter.Config[] {
  const useTsParser = settings.language === 'ts' || settings.parser === 'typescript-eslint';
  return [
    {
      files: ['**/*.js', '**/*.ts'],
      plugins: { [NAMESPACE]: plugin as never },
      languageOptions: {
        ecmaVersion: 'latest',
        sourceType: settings.sourceType,
        ...(useTsParser ? { parser: tsParser as Linter.Parser } : {}),
        parserOptions: { ecmaFeatures: { jsx: settings.language === 'js' } },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      // A fixture folder would make its code test code, which some rules read differently: the
      // programs there stand for a project's own code.
      ...(settings.project ? { settings: { [NAMESPACE]: { codeContext: 'long-running' } } } : {}),
      rules: rules as Linter.RulesRecord,
    },
  ];
}

/** Lints with the given rules; throws what a rule throws. */
export function lint(code: string, settings: ParseSettings, rules: Record<string, TSESLint.FlatConfig.RuleEntry>): Linter.LintMessage[] {
  return linter.verify(code, lintConfig(settings, rules), { filename: path.join(REPOSITORY, settings.project ?? '', fileName(settings.language)) });
}

export interface ParseFacts {
  /** The parse error, if the text does not parse. */
  error?: string;
  /** References that resolve to no declaration, by name, with how many there are. */
  unresolved: Map<string, number>;
  /** Names declared anywhere in the text. */
  declared: Set<string>;
  /** References that resolve to a declaration of the text, by name, with how many there are. */
  bound: Map<string, number>;
}

interface ScopeManagerLike {
  globalScope: { through: { identifier: { name: string } }[] } | null;
  scopes: { variables: { name: string; defs: unknown[]; references: unknown[] }[] }[];
}

/**
 * Parses strictly (JavaScript by espree, ESLint's own parser; TypeScript by typescript-eslint's)
 * and runs scope analysis: the parse error, or which names resolve to nothing. The parsers are
 * called directly: through `Linter` each call would also build a config, which costs more than
 * parsing these small texts.
 */
export function parseFacts(code: string, settings: Pick<ParseSettings, 'language' | 'sourceType'>): ParseFacts {
  const unresolved = new Map<string, number>();
  const declared = new Set<string>();
  const bound = new Map<string, number>();
  let scopeManager: ScopeManagerLike;
  try {
    if (settings.language === 'ts') {
      scopeManager = tsParser.parseForESLint(code, {
        ecmaVersion: 'latest',
        sourceType: settings.sourceType,
        filePath: fileName('ts'),
        jsDocParsingMode: 'none',
      }).scopeManager as unknown as ScopeManagerLike;
    } else {
      const ast = espree.parse(code, { ecmaVersion: 'latest', sourceType: settings.sourceType, ecmaFeatures: { jsx: true }, range: true });
      scopeManager = eslintScope.analyze(ast as never, { ecmaVersion: 2026 as never, sourceType: settings.sourceType }) as unknown as ScopeManagerLike;
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error), unresolved, declared, bound };
  }
  for (const reference of scopeManager.globalScope?.through ?? []) {
    const name = reference.identifier.name;
    unresolved.set(name, (unresolved.get(name) ?? 0) + 1);
  }
  for (const scope of scopeManager.scopes) {
    for (const variable of scope.variables) {
      if (variable.defs.length === 0) continue;
      declared.add(variable.name);
      bound.set(variable.name, (bound.get(variable.name) ?? 0) + variable.references.length);
    }
  }
  return { unresolved, declared, bound };
}

/**
 * TypeScript's own verdict on a text: its syntax errors and the grammar errors its checker reports
 * (`TS1308`: `await` in a namespace, and the like, which the ESTree parser accepts), plus the
 * early errors of JavaScript it reports as semantic ones (a block-scoped name declared twice, used
 * before its declaration). One tiny program per text, without the standard library or module
 * resolution: the many "cannot find" errors that leaves are not counted. `jsx`: the text is a
 * `.tsx` file.
 */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  noLib: true,
  noResolve: true,
  types: [],
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  noEmit: true,
  strict: true,
};
const EARLY_ERRORS_REPORTED_AS_SEMANTIC = new Set([2300, 2448, 2451]);

export function typeScriptGrammarErrors(code: string, sourceType: ParseSettings['sourceType'], jsx = false): string[] {
  const name = jsx ? '/program.tsx' : '/program.ts';
  // A module as the lint configuration says, whether or not it imports or exports anything.
  const text = sourceType === 'module' ? `${code}\nexport {};\n` : code;
  const sourceFile = ts.createSourceFile(name, text, ts.ScriptTarget.ESNext, false, jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const host: ts.CompilerHost = {
    getSourceFile: file => (file === name ? sourceFile : undefined),
    getDefaultLibFileName: () => '/lib.d.ts',
    writeFile: () => undefined,
    getCurrentDirectory: () => '/',
    getCanonicalFileName: file => file,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: file => file === name,
    readFile: () => undefined,
  };
  const program = ts.createProgram([name], COMPILER_OPTIONS, host);
  const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
  return diagnostics
    .filter(diagnostic => (diagnostic.code >= 1000 && diagnostic.code < 2000) || EARLY_ERRORS_REPORTED_AS_SEMANTIC.has(diagnostic.code))
    .map(diagnostic => `TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
}
