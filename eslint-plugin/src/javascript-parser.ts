import type { AST, Linter } from 'eslint';

import { PLUGIN_NAMESPACE } from './configs';
import { moduleFormatOf } from './util/project/module-format';

interface Espree {
  version: string;
  parse(code: string, options: Record<string, unknown>): AST.Program;
}

// ESLint's own parser, as a dependency of the plugin: the copy ESLint loads is not reachable
// from here under every package manager.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const espree = require('espree') as Espree;

/** What espree says when a file parsed as a script holds `import`, `export` or `import.meta`. */
const MODULE_SYNTAX_ERROR = /'import' and 'export' may appear only with 'sourceType: module'|Cannot use 'import\.meta' outside a module/;

/**
 * Parses JavaScript as Node loads it: `.mjs` as an ES module, `.cjs` as CommonJS, anything else by
 * the nearest package.json's `type`; a file of a CommonJS package that parses only as a module holds
 * module syntax (`import`, `export`, `import.meta`, top-level `await`) and is one, as Node's syntax
 * detection and bundlers have it. A CommonJS file may use what modules forbid (legacy octal literals,
 * `with`, `await` as a name).
 *
 * Scope analysis stays ESLint's, in module mode (set by the config): top-level declarations then
 * resolve as they do in CommonJS, where the file is a function scope. The tree's `sourceType`
 * tells the rules which format the file has.
 */
export const javascriptParser: Linter.Parser = {
  meta: { name: `${PLUGIN_NAMESPACE}/javascript`, version: espree.version },
  parse(code: string, options: Record<string, unknown> = {}): AST.Program {
    const filePath = typeof options.filePath === 'string' ? options.filePath : '';
    const { format, byExtension } = moduleFormatOf(filePath);
    // espree's own latest: ESLint's number may be newer than this espree knows.
    const parse = (sourceType: 'module' | 'commonjs'): AST.Program => espree.parse(code, { ...options, ecmaVersion: 'latest', sourceType });
    if (format === 'module') return parse('module');
    try {
      return parse('commonjs');
    } catch (commonJsError) {
      if (byExtension) throw commonJsError;
      try {
        return parse('module');
      } catch (moduleError) {
        // Broken either way: where the module parse stopped is the real place when the file has module syntax.
        throw MODULE_SYNTAX_ERROR.test(String((commonJsError as Error).message)) ? moduleError : commonJsError;
      }
    }
  },
};
