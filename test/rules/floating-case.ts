import * as assert from 'node:assert/strict';

import type { Options } from '../../eslint-plugin/src/rules/no-missing-await';

export const CATCH = '.catch((error) => { console.error(error); })';


type FloatingSuggestion = { messageId: 'addAwait' | 'addVoid' | 'addCatch'; output: string };

/**
 * An invalid case where each of `statements` (written as in `code`, without the `;`) is a
 * floating promise, with the exact output of each suggestion: `await` (where legal), `void`,
 * `.catch(…)`.
 */
export function floatingCase(code: string, statements: string[], options: { canAwait?: boolean; ruleOptions?: Options } = {}) {
  const canAwait = options.canAwait ?? true;
  const errors = statements.map(statement => {
    const index = code.indexOf(`${statement};`);
    assert.ok(index >= 0 && code.indexOf(`${statement};`, index + 1) < 0, `'${statement};' occurs once in the code`);
    const replace = (text: string) => code.slice(0, index) + text + code.slice(index + statement.length);
    const suggestions: FloatingSuggestion[] = [];
    if (canAwait) suggestions.push({ messageId: 'addAwait', output: replace(`await ${statement}`) });
    suggestions.push({ messageId: 'addVoid', output: replace(`void ${statement}`) });
    // A `.catch()` with no handler is given one rather than followed by a second catch; an
    // optional chain (`queue?.add(job)`) is continued with `?.`, as it may give undefined.
    const caught = statement.endsWith('.catch()')
      ? `${statement.slice(0, -'.catch()'.length)}${CATCH}`
      : statement.includes('?.')
        ? `${statement}?${CATCH}`
        : `${statement}${CATCH}`;
    suggestions.push({ messageId: 'addCatch', output: replace(caught) });
    return { messageId: 'floating' as const, line: code.slice(0, index).split('\n').length, suggestions };
  });
  return { code, errors, ...(options.ruleOptions ? { options: options.ruleOptions } : {}) };
}
