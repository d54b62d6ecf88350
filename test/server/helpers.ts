import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A fresh workspace folder under the system temp dir, with the given files; removed by `removeWorkspaces`. */
const created: string[] = [];

export function makeWorkspace(files: Record<string, string> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-lsp-')));
  created.push(root);
  for (const [name, content] of Object.entries(files)) {
    const filePath = path.join(root, name);
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    fs.writeFileSync(filePath, content);
  }
  return root;
}

export function removeWorkspaces(): void {
  for (const root of created.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

/** A blocking call with an exact autofix (`fs.readFileSync` → `await fs.promises.readFile`). */
export const FIXABLE = `import fs from 'node:fs';
export async function load() {
  return fs.readFileSync('a.txt', 'utf8');
}
`;

export const FIXABLE_FIXED = `import fs from 'node:fs';
export async function load() {
  return await fs.promises.readFile('a.txt', 'utf8');
}
`;

/** A blocking call the rule reports without a fix (a named import). */
export const NOT_FIXABLE = `import { readFileSync } from 'node:fs';
export async function load(): Promise<string> {
  return readFileSync('a.txt', 'utf8');
}
`;

export const CLEAN = `export async function load(): Promise<number> {
  return 1;
}
`;
