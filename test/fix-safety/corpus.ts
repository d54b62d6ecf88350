import * as fs from 'node:fs';
import * as path from 'node:path';

import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, parse, simpleTraverse } from '@typescript-eslint/typescript-estree';

import { parseFacts } from './parsing';

/** A piece of code taken from the rules' own tests: a valid or invalid case, or a fix's output. */
export interface Seed {
  code: string;
  /** The test file it comes from, for reproducers. */
  source: string;
}

const javascriptSeeds = new Map<string, boolean>();

/** Whether a seed parses as JavaScript (then it may be linted as either language); asked only of the seeds used. */
export function isJavaScript(seed: Seed): boolean {
  let known = javascriptSeeds.get(seed.code);
  if (known === undefined) {
    known = parseFacts(seed.code, { language: 'js', sourceType: 'module' }).error === undefined;
    javascriptSeeds.set(seed.code, known);
  }
  return known;
}

const RULE_TESTS = path.join(__dirname, '..', 'rules');

function testFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...testFiles(full));
    else if (entry.name.endsWith('.ts')) files.push(full);
  }
  return files;
}


/** Code-like: a program with a call, a block or an assignment, not a message or a name. */
function looksLikeCode(text: string): boolean {
  return text.length >= 8 && /[({=]/.test(text) && !/^[A-Z][a-z]+ [a-z]/.test(text) && !text.includes('{{');
}

let cached: Seed[] | undefined;

/**
 * Every string and template (without substitutions) of the rules' test files that looks like code:
 * the valid and invalid cases and the expected outputs of fixes, in a fixed order. Those that do not
 * parse make programs that the checker discards.
 */
export function loadSeeds(): Seed[] {
  if (cached) return cached;
  const seeds: Seed[] = [];
  const seen = new Set<string>();
  for (const file of testFiles(RULE_TESTS)) {
    const text = fs.readFileSync(file, 'utf8');
    const ast = parse(text, { range: true, filePath: file });
    const source = path.relative(path.join(__dirname, '..', '..'), file);
    simpleTraverse(ast, {
      enter(node: TSESTree.Node) {
        let value: string | undefined;
        if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') value = node.value;
        else if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
          value = node.quasis[0]?.value.cooked ?? undefined;
        }
        if (value === undefined || seen.has(value) || !looksLikeCode(value)) return;
        seen.add(value);
        seeds.push({ code: value, source });
      },
    });
  }
  cached = seeds;
  return seeds;
}
