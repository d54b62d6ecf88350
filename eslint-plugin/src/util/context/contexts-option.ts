import type { JSONSchema, TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { CodeContextName } from './code-context';
import { CODE_CONTEXT_NAMES, getCodeContext } from './code-context';

/** The `contexts` option every rule has: where it reports. */
export interface ContextsOption {
  contexts?: readonly CodeContextName[];
}

export function contextsOptionSchema(defaults: readonly CodeContextName[]): JSONSchema.JSONSchema4 {
  return {
    type: 'array',
    items: { type: 'string', enum: [...CODE_CONTEXT_NAMES] },
    uniqueItems: true,
    description: `Where the rule reports: long-running (servers, workers, libraries), startup (a module's top level, code before a server listens), cli (command-line tools and one-shot scripts), test (test files and test callbacks). Default: ${defaults.join(', ')}.`,
  };
}

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * The rule context a rule sees when it reports only in `contexts`: its `report` drops what is
 * reported elsewhere. Undefined when nothing in the file can be reported (a generated file, a test
 * file for a rule that does not report in tests), so that the rule need not run at all.
 */
export function withCodeContextFilter<Context extends AnyRuleContext>(
  context: Context,
  contexts: readonly CodeContextName[],
): Context | undefined {
  const allowed = new Set(contexts);
  const model = getCodeContext(context);
  if (model.isGenerated) return undefined;
  if (CODE_CONTEXT_NAMES.every(name => allowed.has(name))) return context;
  // A test file is test code throughout; a command-line file is command-line code but for the
  // test callbacks it may hold.
  if (model.fileContext === 'test' && !allowed.has('test')) return undefined;
  if (model.fileContext === 'cli' && !allowed.has('cli') && !allowed.has('test')) return undefined;
  const report = (descriptor: TSESLint.ReportDescriptor<string>): void => {
    const node = 'node' in descriptor ? (descriptor.node as TSESTree.Node) : undefined;
    if (node && !allowed.has(model.contextOf(node))) return;
    context.report(descriptor);
  };
  // The rule reads everything else (options, sourceCode, settings, parser services) from the
  // context ESLint gave; only `report` differs.
  return Object.create(context, { report: { value: report } }) as Context;
}
