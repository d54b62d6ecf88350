import type { Hover, MarkupContent, Position, Range } from 'vscode-languageserver';
import { MarkupKind } from 'vscode-languageserver';

import type { RuleGuide } from 'eslint-plugin-async-pitfalls/rule-docs';

import type { Problem } from './code-actions';
import { fixesOf } from './code-actions';
import { PLUGIN_PREFIX } from './engine';

export interface HoverSources {
  guide: (ruleName: string) => RuleGuide | undefined;
  href: (ruleName: string) => string | undefined;
}

function contains(range: Range, position: Position): boolean {
  const after = (a: Position, b: Position): boolean => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}

function codeBlock(language: string, code: string): string {
  const longestFence = Math.max(2, ...[...code.matchAll(/`+/g)].map(match => match[0].length));
  const fence = '`'.repeat(longestFence + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}

/** What the editor shows over one of our problems: the lesson, the example, the fixes at hand and the rule's page. */
function describe(problem: Problem, ruleName: string, sources: HoverSources, withFixes: boolean): string {
  const guide = sources.guide(ruleName);
  const parts = [guide ? `**${ruleName}**: ${guide.lesson}` : `**${ruleName}**`];
  if (guide) {
    parts.push(`❌ Reported\n\n${codeBlock(guide.reported.language, guide.reported.code)}`);
    parts.push(`✅ Fixed\n\n${codeBlock(guide.fixed.language, guide.fixed.code)}`);
  }
  if (withFixes) {
    const { autofix, suggestions } = fixesOf(problem.message, ruleName);
    // Titles are Markdown already: a rule writes code in them between backticks.
    const titles = [...(autofix ? [`${autofix.title} (safe fix)`] : []), ...suggestions.map(suggestion => suggestion.title)];
    parts.push(
      titles.length > 0
        ? `Quick fixes:\n${titles.map(title => `- ${title}`).join('\n')}`
        : 'No quick fix changes this code for you: the page shows how.',
    );
  } else {
    parts.push('The file does not parse: this finding is from the last version that did, moved with your edits. Quick fixes return once it parses.');
  }
  const href = sources.href(ruleName);
  if (href) parts.push(`[Open the ${ruleName} page](${href})`);
  return parts.join('\n\n');
}

/**
 * The hover over our diagnostics at `position`, one section per rule; undefined where there is
 * none. `fresh` says whether the problems belong to the text as it is (their fixes can be
 * offered) or were kept, shifted, from the last version that parsed.
 */
export function problemHover(problems: readonly Problem[], position: Position, sources: HoverSources, fresh: boolean): Hover | undefined {
  const sections: string[] = [];
  const seen = new Set<string>();
  let range: Range | undefined;
  for (const problem of problems) {
    const ruleId = problem.message.ruleId;
    if (!ruleId?.startsWith(PLUGIN_PREFIX) || !contains(problem.diagnostic.range, position)) continue;
    const ruleName = ruleId.slice(PLUGIN_PREFIX.length);
    if (seen.has(ruleName)) continue;
    seen.add(ruleName);
    range ??= problem.diagnostic.range;
    sections.push(describe(problem, ruleName, sources, fresh));
  }
  if (sections.length === 0) return undefined;
  const contents: MarkupContent = { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') };
  return { contents, ...(range ? { range } : {}) };
}
