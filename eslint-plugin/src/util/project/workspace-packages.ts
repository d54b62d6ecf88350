import * as fs from 'node:fs';
import * as path from 'node:path';

import { nearestPackageManifest } from './package-manifest';
import type { PackageManifest } from './package-manifest';
import { repositoryRoot } from './repository';

/**
 * The packages of the repository's workspace (a monorepo): the folders the root package.json's
 * `workspaces` names (npm and Yarn, `["packages/*"]` or `{ "packages": [...] }`), or the
 * `packages:` list of a `pnpm-workspace.yaml`. A pattern is a folder or a folder followed by `/*`
 * (each folder inside it that holds a package.json); any other pattern (`**`, a negation) makes
 * the list unknown. Undefined when the file is in no workspace or its list is unknown.
 * Remembered per root for the process; the language server drops it with the manifests.
 */

const byRoot = new Map<string, readonly PackageManifest[] | null>();

export function workspacePackages(filename: string): readonly PackageManifest[] | undefined {
  const root = repositoryRoot(filename);
  if (root === undefined) return undefined;
  let known = byRoot.get(root);
  if (known === undefined) {
    const patterns = workspacePatterns(root);
    known = patterns ? packagesMatching(root, patterns) : null;
    byRoot.set(root, known);
  }
  return known ?? undefined;
}

/** Forgets every workspace listed so far (files changed). */
export function clearWorkspaceCache(): void {
  byRoot.clear();
}

function workspacePatterns(root: string): readonly string[] | undefined {
  const manifest = nearestPackageManifest(path.join(root, 'package.json'));
  if (manifest?.dir === root) {
    const workspaces = manifest.json.workspaces;
    const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
    if (Array.isArray(list)) return list.every(item => typeof item === 'string') ? (list as string[]) : undefined;
  }
  let yaml: string;
  try {
    yaml = fs.readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
  } catch {
    return undefined;
  }
  // `packages:` followed by `  - 'packages/*'` lines; what follows the list ends it.
  const lines = yaml.split(/\r?\n/);
  const start = lines.findIndex(line => /^packages:\s*$/.test(line));
  if (start < 0) return undefined;
  const patterns: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+['"]?([^'"#]+?)['"]?\s*(?:#.*)?$/.exec(line);
    if (item) patterns.push(item[1]!);
    else if (line.trim() !== '' && !line.trim().startsWith('#')) break;
  }
  return patterns;
}

function packagesMatching(root: string, patterns: readonly string[]): readonly PackageManifest[] | null {
  const folders: string[] = [];
  for (const raw of patterns) {
    const pattern = raw.replace(/^\.\//, '').replace(/\/$/, '');
    const folder = pattern.endsWith('/*') ? pattern.slice(0, -2) : pattern;
    if (/[*?!{}[\]]/.test(folder)) return null;
    if (!pattern.endsWith('/*')) {
      folders.push(path.join(root, folder));
      continue;
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.')) folders.push(path.join(root, folder, entry.name));
  }
  const manifests: PackageManifest[] = [];
  for (const folder of folders) {
    const manifest = nearestPackageManifest(path.join(folder, 'package.json'));
    if (manifest?.dir === folder) manifests.push(manifest);
  }
  return manifests;
}
