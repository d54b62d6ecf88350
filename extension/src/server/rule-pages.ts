import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { RuleGuide } from 'eslint-plugin-async-pitfalls/rule-docs';
import { readRuleGuide, ruleDocsPath } from 'eslint-plugin-async-pitfalls/rule-docs';

/**
 * The rule pages the extension ships (`docs/rules/*.md` of the repository, packaged at the same
 * place in the .vsix): links open them in the editor, and the hover shows the lesson and example
 * marked in them. Where a page is missing, the rule's own `docs.url` (the repository) is used.
 */
export class RulePages {
  private readonly hrefs = new Map<string, string | undefined>();
  private readonly guides = new Map<string, RuleGuide | undefined>();

  constructor(
    /** The folder of the pages: `<extension>/docs/rules`. */
    readonly directory: string,
    private readonly remoteUrl: (ruleName: string) => string | undefined,
  ) {}

  /** A `file:` URI of the local page, or the rule's own URL. */
  href(ruleName: string): string | undefined {
    if (!this.hrefs.has(ruleName)) {
      const local = ruleDocsPath(ruleName, this.directory);
      this.hrefs.set(ruleName, fs.existsSync(local) ? pathToFileURL(local).href : this.remoteUrl(ruleName));
    }
    return this.hrefs.get(ruleName);
  }

  /** The lesson and the reported/fixed pair of the rule's page, read once. */
  guide(ruleName: string): RuleGuide | undefined {
    if (!this.guides.has(ruleName)) this.guides.set(ruleName, readRuleGuide(ruleName, this.directory));
    return this.guides.get(ruleName);
  }
}

/** Where the pages are next to the built server: `<root>/extension/dist/server.js` → `<root>/docs/rules`. */
export function shippedRulePagesDirectory(serverDirectory: string): string {
  return path.join(serverDirectory, '..', '..', 'docs', 'rules');
}
