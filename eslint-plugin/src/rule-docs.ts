import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * What an editor shows of a rule at the place it reports: the rule's lesson in one sentence and a
 * minimal pair of code, reported and fixed. Both live in the rule's page, `docs/rules/<rule>.md`,
 * the one source for the page and for the editor, between HTML comments that Markdown renderers
 * hide:
 *
 * ```md
 * <!-- lesson:start -->
 * **One sentence that says what goes wrong and what to do.**
 * <!-- lesson:end -->
 *
 * <!-- example:start -->
 * ❌ …
 * ```js
 * code the rule reports
 * ```
 * ✅ …
 * ```js
 * the same code, fixed
 * ```
 * <!-- example:end -->
 * ```
 */
export const RULE_DOCS_MARKERS = {
  lessonStart: '<!-- lesson:start -->',
  lessonEnd: '<!-- lesson:end -->',
  exampleStart: '<!-- example:start -->',
  exampleEnd: '<!-- example:end -->',
  reported: '❌',
  fixed: '✅',
} as const;

export interface RuleDocsExample {
  /** The fence's language (`js`, `ts`, …); `js` when the fence names none. */
  language: string;
  code: string;
}

export interface RuleGuide {
  /** One sentence, as Markdown (inline code kept, emphasis around the whole sentence removed). */
  lesson: string;
  reported: RuleDocsExample;
  fixed: RuleDocsExample;
}

function between(markdown: string, start: string, end: string, what: string): string {
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end, from + start.length);
  if (from < 0 || to < 0) throw new Error(`the page has no ${what} between ${start} and ${end}`);
  if (markdown.indexOf(start, from + start.length) >= 0) throw new Error(`the page has more than one ${start}`);
  return markdown.slice(from + start.length, to);
}

const FENCE = /^(```+|~~~+)[ \t]*([\w-]*)[^\n]*\n([^]*?)\n\1[ \t]*$/m;

/** The first fenced code block after the line that starts with `mark`. */
function exampleAfter(block: string, mark: string): RuleDocsExample {
  const line = block.split('\n').findIndex(text => text.trimStart().startsWith(mark));
  if (line < 0) throw new Error(`the example has no line starting with ${mark}`);
  const rest = block.split('\n').slice(line + 1).join('\n');
  const fence = FENCE.exec(rest);
  if (!fence) throw new Error(`the example has no code block after ${mark}`);
  return { language: fence[2] || 'js', code: fence[3] ?? '' };
}

/** Reads the marked lesson and example of a rule's page; throws, saying what is missing, when the page lacks them. */
export function parseRuleGuide(markdown: string): RuleGuide {
  const text = markdown.replace(/\r\n?/g, '\n');
  const lesson = between(text, RULE_DOCS_MARKERS.lessonStart, RULE_DOCS_MARKERS.lessonEnd, 'lesson')
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/^(\*\*|__)(.*)\1$/, '$2');
  if (lesson === '') throw new Error('the lesson is empty');
  const example = between(text, RULE_DOCS_MARKERS.exampleStart, RULE_DOCS_MARKERS.exampleEnd, 'example');
  const reported = exampleAfter(example, RULE_DOCS_MARKERS.reported);
  const fixed = exampleAfter(example, RULE_DOCS_MARKERS.fixed);
  return { lesson, reported, fixed };
}

/**
 * The folder of the rule pages shipped with this package: `dist/docs/rules/`, which the build
 * copies from the repository's `docs/rules/`; from the sources, the pages themselves (through the
 * `eslint-plugin/docs` link).
 */
export const RULE_DOCS_DIRECTORY = [path.join(__dirname, 'docs', 'rules'), path.resolve(__dirname, '..', 'docs', 'rules')].find(folder =>
  fs.existsSync(folder),
) ?? path.join(__dirname, 'docs', 'rules');

/** The path of a rule's page in `directory` (by default the package's own pages). */
export function ruleDocsPath(ruleName: string, directory: string = RULE_DOCS_DIRECTORY): string {
  return path.join(directory, `${ruleName}.md`);
}

/**
 * The lesson and example of a rule, read from its page in `directory`; undefined when the page
 * is missing or unmarked (an editor then shows the message alone).
 */
export function readRuleGuide(ruleName: string, directory: string = RULE_DOCS_DIRECTORY): RuleGuide | undefined {
  if (!/^[a-z0-9-]+$/.test(ruleName)) return undefined;
  try {
    return parseRuleGuide(fs.readFileSync(ruleDocsPath(ruleName, directory), 'utf8'));
  } catch {
    return undefined;
  }
}
