import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { lineBreakOf } from '../ast';
import { AST_NODE_TYPES } from '../ast-utils';
import { isFunctionNode } from '../functions';
import { planImports } from '../import-fixes';
import { skipTypeWrappers, usesCommonJs } from '../imports';
import type { VersionFloor } from '../project/dependency-version';
import { isNameTaken } from '../scope/variables';

/**
 * The limiter the fix adds when the project has none: it wraps a function so that at most
 * `concurrency` of its calls run at once, later calls waiting their turn; each call's promise
 * settles as the function's own would, so `Promise.all` gives the same results in the same order.
 * The typed form keeps the wrapped function's parameter and result types.
 */
function limiterFunction(name: string, typed: boolean, eol: string): string {
  const signature = typed
    ? `function ${name}<A extends unknown[], R>(fn: (...args: A) => R | PromiseLike<R>, concurrency: number): (...args: A) => Promise<R> {`
    : `function ${name}(fn, concurrency) {`;
  return [
    signature,
    '  let active = 0;',
    `  const waiting${typed ? ': (() => void)[]' : ''} = [];`,
    `  const startNext = ()${typed ? ': void' : ''} => {`,
    '    const start = active < concurrency ? waiting.shift() : undefined;',
    '    if (start) {',
    '      active++;',
    '      start();',
    '    }',
    '  };',
    '  return (...args) =>',
    `    new Promise${typed ? '<R>' : ''}((resolve, reject) => {`,
    '      waiting.push(() => {',
    '        Promise.resolve()',
    '          .then(() => fn(...args))',
    '          .then(resolve, reject)',
    '          .finally(() => {',
    '            active--;',
    '            startNext();',
    '          });',
    '      });',
    '      startNext();',
    '    });',
    '}',
  ].join(eol);
}

const LIMITER_NAME = 'limitConcurrency';
const LIMITER_COMMENT = '/** Wraps fn so that at most `concurrency` of its calls run at once; the others wait their turn. */';

/** A name for the limiter: one the file already declares with exactly this text (a fix applied before), else a free one. */
function limiterName(sourceCode: Readonly<TSESLint.SourceCode>, typed: boolean, eol: string): { name: string; declared: boolean } {
  for (let counter = 1; ; counter++) {
    const name = counter === 1 ? LIMITER_NAME : `${LIMITER_NAME}${counter}`;
    if (!isNameTaken(sourceCode, name)) return { name, declared: false };
    const text = limiterFunction(name, typed, eol);
    const declared = sourceCode.ast.body.some(
      statement => statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id?.name === name && sourceCode.getText(statement) === text,
    );
    if (declared) return { name, declared: true };
  }
}

function freeName(sourceCode: Readonly<TSESLint.SourceCode>, base: string): string {
  if (!isNameTaken(sourceCode, base)) return base;
  for (let counter = 2; ; counter++) if (!isNameTaken(sourceCode, `${base}${counter}`)) return `${base}${counter}`;
}

const STATEMENT_LISTS = new Set<string>([
  AST_NODE_TYPES.Program,
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.SwitchCase,
  AST_NODE_TYPES.StaticBlock,
]);

/** The statement `node` is part of, in a list a declaration can be added to, without leaving its function. */
function enclosingStatement(node: TSESTree.Node): TSESTree.Node | undefined {
  let current = node;
  while (current.parent && !STATEMENT_LISTS.has(current.parent.type)) {
    if (isFunctionNode(current.parent) || current.parent.type === AST_NODE_TYPES.ClassBody) return undefined;
    current = current.parent;
  }
  return current.parent ? current : undefined;
}

/** p-limit 6.2 added `limitFunction`, which wraps a function the way the inline limiter does. */
function hasLimitFunction(version: VersionFloor | undefined): boolean {
  return version !== undefined && (version.major > 6 || (version.major === 6 && version.minor >= 2));
}

export interface ConcurrencyLimitFix {
  usesPLimit: boolean;
  fix: TSESLint.ReportFixFunction;
}

/**
 * The fix that limits how many calls of a mapping's callback run at once
 * (`items.map(callback)`, `Array.from(items, callback)`), with p-limit when the project depends
 * on it (`limitFunction` from 6.2 on; `pLimit` before, the limiter declared just before the
 * statement; in a CommonJS file only a p-limit that `require` can load, 3 or older), else with
 * a small limiter function added at the end of the file. Undefined when the callback is neither
 * written in place nor a plain name (evaluating it once per item could differ), or the mapping
 * passes a `this` value.
 */
export function concurrencyLimitFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  mapping: TSESTree.CallExpression,
  callback: TSESTree.Node,
  limit: number,
  options: { typed: boolean; pLimit?: { version: VersionFloor | undefined } },
): ConcurrencyLimitFix | undefined {
  const target = skipTypeWrappers(callback);
  if (!isFunctionNode(target) && target.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (mapping.arguments[mapping.arguments.length - 1] !== callback) return undefined;
  const callbackText = sourceCode.getText(callback);
  const commonJs = usesCommonJs(sourceCode);
  const pLimit = options.pLimit;
  if (pLimit && hasLimitFunction(pLimit.version) && !commonJs) {
    const plan = planImports(sourceCode, mapping, [{ module: 'p-limit', name: 'limitFunction' }]);
    const wrapped = `${plan.expressions[0]!}(${callbackText}, { concurrency: ${limit} })`;
    return { usesPLimit: true, fix: fixer => [...plan.fixes(fixer), fixer.replaceText(callback, wrapped)] };
  }
  const statement = enclosingStatement(mapping);
  if (pLimit && statement && (!commonJs || (pLimit.version !== undefined && pLimit.version.major <= 3))) {
    const plan = planImports(sourceCode, mapping, [{ module: 'p-limit', name: 'default', fallbackNames: ['pLimit'] }]);
    const name = freeName(sourceCode, 'limit');
    // On a line of its own before the statement when the statement starts its line, else just before it.
    const line = sourceCode.lines[statement.loc.start.line - 1] ?? '';
    const before = line.slice(0, statement.loc.start.column);
    const separator = before.trim() === '' ? `${lineBreakOf(sourceCode)}${before}` : ' ';
    const declaration = `const ${name} = ${plan.expressions[0]!}(${limit});${separator}`;
    const at = statement.range[0];
    return {
      usesPLimit: true,
      fix: fixer => {
        // An import added at the same place goes first: in CommonJS the limiter must not run before its `require`.
        const imports = plan.fixes(fixer);
        const same = imports.find(edit => edit.range[0] === at && edit.range[1] === at);
        const declare = same ? { range: [at, at] as const, text: same.text + declaration } : fixer.insertTextBeforeRange([at, at], declaration);
        return [...imports.filter(edit => edit !== same), declare, fixer.replaceText(callback, `(...args) => ${name}(${callbackText}, ...args)`)];
      },
    };
  }
  // The lines it adds end as the file's own do.
  const eol = lineBreakOf(sourceCode);
  const { name, declared } = limiterName(sourceCode, options.typed, eol);
  const text = sourceCode.text;
  const end = text.length;
  const separator = /[\r\n]$/.test(text) ? eol : `${eol}${eol}`;
  return {
    usesPLimit: false,
    fix: fixer => [
      fixer.replaceText(callback, `${name}(${callbackText}, ${limit})`),
      ...(declared ? [] : [fixer.insertTextAfterRange([end, end], `${separator}${LIMITER_COMMENT}${eol}${limiterFunction(name, options.typed, eol)}${eol}`)]),
    ],
  };
}
