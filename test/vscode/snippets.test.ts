import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import plugin from '../../eslint-plugin/src';
import { rules } from '../../eslint-plugin/src/rules';

const SNIPPETS_DIR = path.join(__dirname, '..', '..', 'snippets');

interface SnippetDefinition {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

/** The lessons of the guide each snippet file must cover, as a word that the snippet's name or body contains. */
const REQUIRED_TOPICS: { topic: string; matches: (name: string, body: string) => boolean }[] = [
  { topic: 'async function with try/catch', matches: (_, body) => /async function[\s\S]*try \{[\s\S]*catch \(/.test(body) },
  { topic: 'Promise.all', matches: (_, body) => body.includes('await Promise.all([') },
  { topic: 'Promise.allSettled, rejections reported', matches: (_, body) => body.includes('Promise.allSettled') && body.includes('.reason') },
  { topic: 'AbortSignal.timeout', matches: (_, body) => body.includes('AbortSignal.timeout(') },
  { topic: 'race with a cleared timer', matches: (_, body) => body.includes('Promise.race') && body.includes('clearTimeout(') },
  { topic: 'semaphore', matches: (name) => /semaphore/i.test(name) },
  { topic: 'for await', matches: (name, body) => name === 'for await' && body.includes('for await (') },
  { topic: 'async generator', matches: (_, body) => body.includes('async function*') },
  { topic: 'async iterator class', matches: (_, body) => /class [\s\S]*\[Symbol\.asyncIterator\]\(\)/.test(body) },
  { topic: 'await using + AsyncDisposable', matches: (_, body) => body.includes('await using') && body.includes('[Symbol.asyncDispose]()') },
  { topic: 'producer/consumer queue', matches: (name) => /producer\/consumer/i.test(name) },
  { topic: 'worker_threads', matches: (_, body) => body.includes("from 'node:worker_threads'") && body.includes('new Worker(') },
  { topic: 'retry with backoff', matches: (name) => /retry/i.test(name) && /backoff/i.test(name) },
  { topic: 'sleep with node:timers/promises', matches: (_, body) => body.includes("from 'node:timers/promises'") && body.includes('await sleep(') },
];

/** Values VS Code gives the snippet variables when nothing is selected and no clipboard is involved. */
const EMPTY_VARIABLES = new Set(['TM_SELECTED_TEXT', 'SELECTION', 'TM_CURRENT_WORD', 'CLIPBOARD']);

/**
 * Expands a snippet body the way VS Code inserts it when the user accepts every default: a
 * placeholder becomes its default text, a mirror (`$1` elsewhere) the same text, a choice its first
 * option, `$0` nothing. Transforms are not used by the project's snippets and are refused.
 */
export function expandSnippet(body: string): string {
  const defaults = new Map<string, string>();
  // Two passes: a mirror may come before the placeholder that gives it its text.
  render(body, defaults);
  return render(body, defaults);
}

function render(text: string, defaults: Map<string, string>): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1] ?? '')) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    if (char !== '$') {
      out += char;
      i += 1;
      continue;
    }
    const simple = /^\$(\d+|[A-Z_][A-Z_0-9]*)/.exec(text.slice(i));
    if (simple?.[1] !== undefined) {
      out += resolveName(simple[1], undefined, defaults);
      i += simple[0].length;
      continue;
    }
    if (text[i + 1] !== '{') throw new Error(`stray "$" at offset ${i} of ${JSON.stringify(text)}`);
    const close = findClosingBrace(text, i + 2);
    const inner = text.slice(i + 2, close);
    const head = /^(\d+|[A-Z_][A-Z_0-9]*)(.*)$/s.exec(inner);
    if (head?.[1] === undefined) throw new Error(`unknown snippet syntax "\${${inner}}"`);
    const [, name, rest = ''] = head;
    if (rest === '') out += resolveName(name, undefined, defaults);
    else if (rest.startsWith(':')) out += resolveName(name, render(rest.slice(1), defaults), defaults);
    else if (rest.startsWith('|') && rest.endsWith('|')) out += resolveName(name, rest.slice(1, -1).split(',')[0] ?? '', defaults);
    else throw new Error(`unsupported snippet syntax "\${${inner}}"`);
    i = close + 1;
  }
  return out;
}

function resolveName(name: string, defaultText: string | undefined, defaults: Map<string, string>): string {
  if (/^\d+$/.test(name)) {
    if (defaultText !== undefined && !defaults.has(name)) defaults.set(name, defaultText);
    return defaults.get(name) ?? '';
  }
  if (EMPTY_VARIABLES.has(name)) return defaultText ?? '';
  throw new Error(`snippet variable ${name} has no fixed value to test with`);
}

function findClosingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '$' && text[i + 1] === '{') {
      depth += 1;
      i += 1;
    }
    else if (text[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unclosed "\${" in ${JSON.stringify(text)}`);
}

function readSnippets(file: string): [string, SnippetDefinition][] {
  const parsed = JSON.parse(fs.readFileSync(path.join(SNIPPETS_DIR, file), 'utf8')) as Record<string, SnippetDefinition>;
  return Object.entries(parsed);
}

function bodyText(snippet: SnippetDefinition): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}

/** Parameters and return types of every named function and method are written out in the TypeScript variants. */
function untypedSignatures(program: TSESTree.Program): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, parent: TSESTree.Node | undefined): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, parent);
      return;
    }
    const current = node as TSESTree.Node;
    if (typeof current.type !== 'string') return;
    const isNamedFunction =
      current.type === 'FunctionDeclaration' ||
      (current.type === 'FunctionExpression' && parent?.type === 'MethodDefinition');
    if (isNamedFunction) {
      const isConstructor = parent?.type === 'MethodDefinition' && parent.kind === 'constructor';
      if (!isConstructor && !current.returnType) problems.push(`no return type at line ${current.loc.start.line}`);
      for (const param of current.params) {
        const typed =
          param.type === 'AssignmentPattern' ||
          param.type === 'TSParameterProperty' ||
          ('typeAnnotation' in param && param.typeAnnotation !== undefined);
        if (!typed) problems.push(`untyped parameter at line ${param.loc.start.line}`);
      }
    }
    for (const [key, value] of Object.entries(current)) {
      if (key !== 'parent' && key !== 'loc' && key !== 'range') visit(value, current);
    }
  };
  visit(program, undefined);
  return problems;
}

const VARIANTS = [
  { file: 'javascript.json', filename: 'snippet.js' },
  { file: 'typescript.json', filename: 'snippet.ts' },
] as const;

describe('snippets', () => {
  it('expands placeholders, mirrors, choices and escapes as VS Code does', () => {
    assert.equal(expandSnippet('const ${1:a} = $1 + ${2|x,y|};$0'), 'const a = a + x;');
    assert.equal(expandSnippet('f($2, ${2:b})'), 'f(b, b)');
    assert.equal(expandSnippet('`\\${x}` ${1:{ a: 1 \\}}'), '`${x}` { a: 1 }');
    assert.equal(expandSnippet('${1:outer ${2:inner}}'), 'outer inner');
    assert.throws(() => expandSnippet('${1/a/b/}'), /unsupported/);
  });

  it('offers the same snippets for JavaScript and TypeScript', () => {
    const javascript = readSnippets('javascript.json').map(([name]) => name);
    const typescript = readSnippets('typescript.json').map(([name]) => name);
    assert.deepEqual(javascript, typescript);
  });

  for (const variant of VARIANTS) {
    describe(variant.file, () => {
      const snippets = readSnippets(variant.file);

      it('covers every lesson of the guide that a snippet teaches', () => {
        const uncovered = REQUIRED_TOPICS.filter(
          ({ matches }) => !snippets.some(([name, snippet]) => matches(name, expandSnippet(bodyText(snippet)))),
        ).map(({ topic }) => topic);
        assert.deepEqual(uncovered, []);
      });

      it('gives every snippet one prefix of its own: VS Code lists a snippet once per prefix', () => {
        const prefixes = snippets.map(([name, snippet]) => {
          assert.equal(typeof snippet.prefix, 'string', `${name}: one prefix`);
          assert.match(String(snippet.prefix), /^[a-z][a-z0-9-]*$/, `${name}: prefix`);
          return snippet.prefix;
        });
        assert.equal(new Set(prefixes).size, prefixes.length, `prefixes: ${prefixes.join(', ')}`);
      });

      it('describes every snippet in JavaScript terms, naming only rules that exist', () => {
        for (const [name, snippet] of snippets) {
          assert.match(snippet.description, /^[A-Z].*\.$/, `${name}: a sentence`);
          assert.doesNotMatch(
            `${name} ${snippet.description}`,
            /asyncio|python|gather|__a(iter|next)__|run_in_executor|time\.sleep|wait_for|async with|async for|\bthe guide\b/i,
            `${name}: ${snippet.description}`,
          );
          for (const [, rule] of snippet.description.matchAll(/\b((?:no|prefer|require)-[a-z-]+)/g)) {
            assert.ok(rule !== undefined && rule in rules, `${name}: "${rule}" is not a rule`);
          }
        }
      });

      for (const [name, snippet] of snippets) {
        it(`"${name}" parses and has no finding under the plugin's all config`, () => {
          const code = expandSnippet(bodyText(snippet));
          const linter = new Linter({ configType: 'flat' });
          const messages = linter.verify(
            code,
            [
              {
                files: ['**/*.js', '**/*.ts'],
                languageOptions: {
                  parser: tsParser,
                  parserOptions: { ecmaVersion: 'latest', sourceType: 'module' },
                },
              },
              plugin.configs.all as Linter.Config,
            ],
            variant.filename,
          );
          assert.deepEqual(
            messages.map((message) => `${message.line}:${message.column} ${message.ruleId ?? 'parse'}: ${message.message}`),
            [],
            code,
          );
          if (variant.filename.endsWith('.ts')) {
            const program = tsParser.parse(code, { ecmaVersion: 'latest', sourceType: 'module', loc: true, range: true });
            assert.deepEqual(untypedSignatures(program), [], code);
          }
        });
      }
    });
  }
});
