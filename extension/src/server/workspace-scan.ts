import * as fs from 'node:fs/promises';
import * as path from 'node:path';

import ignore from 'ignore';
import picomatch from 'picomatch';

export const LINTED_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx']);

/** Folders never walked: dependencies and VCS data. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export function hasLintedExtension(filePath: string): boolean {
  return LINTED_EXTENSIONS.has(path.extname(filePath).toLowerCase()) && !filePath.endsWith('.d.ts');
}

/** A matcher for glob patterns relative to a workspace folder (`files.exclude` and the `exclude` setting). */
export function globMatcher(patterns: readonly string[]): (relativePath: string) => boolean {
  if (patterns.length === 0) return () => false;
  const matchers = patterns.map(pattern => picomatch(pattern, { dot: true }));
  return relativePath => {
    const normalised = relativePath.split(path.sep).join('/');
    return matchers.some(match => match(normalised));
  };
}

interface IgnoreScope {
  base: string;
  rules: ReturnType<typeof ignore>;
}

/**
 * Every lintable file of a folder, skipping what `.gitignore` files (at any depth), the given
 * exclusion and the always-skipped folders exclude.
 */
export async function* walkFolder(
  folder: string,
  isExcluded: (relativePath: string) => boolean,
  shouldStop: () => boolean,
): AsyncGenerator<string> {
  async function* visit(directory: string, scopes: IgnoreScope[]): AsyncGenerator<string> {
    if (shouldStop()) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch {
      return;
    }
    let localScopes = scopes;
    if (entries.some(entry => entry.isFile() && entry.name === '.gitignore')) {
      try {
        const content = await fs.readFile(path.join(directory, '.gitignore'), 'utf8');
        localScopes = [...scopes, { base: directory, rules: ignore().add(content) }];
      } catch {
        // An unreadable .gitignore ignores nothing.
      }
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (shouldStop()) return;
      const fullPath = path.join(directory, entry.name);
      const relativePath = path.relative(folder, fullPath);
      const isDirectory = entry.isDirectory();
      if (isDirectory && ALWAYS_SKIPPED.has(entry.name)) continue;
      if (!isDirectory && !entry.isFile()) continue;
      if (isExcluded(relativePath) || (isDirectory && isExcluded(`${relativePath}/`))) continue;
      const ignored = localScopes.some(scope => {
        const fromScope = path.relative(scope.base, fullPath).split(path.sep).join('/');
        return scope.rules.ignores(isDirectory ? `${fromScope}/` : fromScope);
      });
      if (ignored) continue;
      if (isDirectory) yield* visit(fullPath, localScopes);
      else if (hasLintedExtension(fullPath)) yield fullPath;
    }
  }
  yield* visit(folder, []);
}
