import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPOSITORY_ROOT = path.join(__dirname, '..');
export const EXAMPLES_DIR = path.join(REPOSITORY_ROOT, 'examples');
export const CLI_BIN = path.join(REPOSITORY_ROOT, 'eslint-plugin', 'bin', 'async-pitfalls.js');

/** The rule names of the catalogue: a marker naming anything else is a typo. */
export const CATALOGUE_RULES = [
  'no-missing-await',
  'no-blocking-in-async',
  'no-unclosed-resource',
  'no-misused-async-callback',
  'prefer-promise-all',
  'no-swallowed-rejection',
  'require-timeout',
  'no-unbounded-concurrency',
];

const PITFALL_MARKER = /^\s*\/\/ ❌ Pitfall \(([^)]*)\):/;
const CORRECTED_MARKER = /^\s*\/\/ ✅ Corrected:/;

export interface Section {
  kind: 'pitfall' | 'corrected';
  /** The rule the pitfall is for; undefined for a corrected section. */
  rule: string | undefined;
  /** 1-based, inclusive: from the marker to the line before the next marker or the end of the file. */
  startLine: number;
  endLine: number;
}

export const LINTED_EXAMPLE = /\.(?:js|mjs|cjs|ts|mts|cts|jsx|tsx)$/;

/** The sections of an example file, derived from its `❌ Pitfall` / `✅ Corrected` comments. */
export function readSections(file: string): Section[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const sections: Section[] = [];
  lines.forEach((line, index) => {
    const pitfall = PITFALL_MARKER.exec(line);
    const corrected = CORRECTED_MARKER.test(line);
    if (!pitfall && !corrected) return;
    const previous = sections[sections.length - 1];
    if (previous) previous.endLine = index;
    sections.push({ kind: pitfall ? 'pitfall' : 'corrected', rule: pitfall?.[1], startLine: index + 1, endLine: lines.length });
  });
  return sections;
}

export function sectionAt(sections: Section[], line: number): Section | undefined {
  return sections.find(section => section.startLine <= line && line <= section.endLine);
}

export function exampleFiles(): string[] {
  return fs
    .readdirSync(EXAMPLES_DIR)
    .filter(name => LINTED_EXAMPLE.test(name))
    .sort()
    .map(name => path.join(EXAMPLES_DIR, name));
}
