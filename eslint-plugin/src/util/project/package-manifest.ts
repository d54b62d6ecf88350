import * as fs from 'node:fs';
import * as path from 'node:path';

import { nearestAncestor } from './nearest-ancestor';

/** The parts of a package.json the rules read; anything else in the file is kept untyped. */
export interface PackageManifest {
  /** The folder that holds the package.json. */
  readonly dir: string;
  readonly name?: string;
  /** `"module"` or `"commonjs"` (absent: CommonJS, as Node reads it). */
  readonly type?: string;
  /** The package's executables, as absolute paths (a string `bin` is one entry named after the package). */
  readonly bin: readonly string[];
  /** `engines.node`, when given. */
  readonly enginesNode?: string;
  /** Every name in dependencies, devDependencies, peerDependencies and optionalDependencies. */
  readonly dependencies: ReadonlySet<string>;
  /** The raw object, for readers that need a field not listed above. */
  readonly json: Readonly<Record<string, unknown>>;
}

interface CacheEntry {
  /** mtime and size of the package.json when read; a change makes the entry stale (the editor edits it). */
  readonly stamp: string;
  readonly manifest: PackageManifest | undefined;
}

/** By package.json path: one read per process while the file does not change. */
const manifests = new Map<string, CacheEntry>();
/** By folder: where the nearest package.json is, or null when there is none up to the root. */
const nearestByFolder = new Map<string, string | null>();

function statStamp(file: string): string | undefined {
  try {
    const stats = fs.statSync(file);
    return stats.isFile() ? `${stats.mtimeMs}:${stats.size}` : undefined;
  } catch {
    return undefined;
  }
}

function stringRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function parseManifest(dir: string, text: string): PackageManifest {
  let json: Record<string, unknown>;
  try {
    json = stringRecord(JSON.parse(text)) ?? {};
  } catch {
    // A package.json that does not parse still marks the package's root; it just says nothing.
    json = {};
  }
  const dependencies = new Set<string>();
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const name of Object.keys(stringRecord(json[field]) ?? {})) dependencies.add(name);
  }
  const bin: string[] = [];
  if (typeof json.bin === 'string') bin.push(path.resolve(dir, json.bin));
  for (const target of Object.values(stringRecord(json.bin) ?? {})) {
    if (typeof target === 'string') bin.push(path.resolve(dir, target));
  }
  const engines = stringRecord(json.engines);
  return {
    dir,
    name: typeof json.name === 'string' ? json.name : undefined,
    type: typeof json.type === 'string' ? json.type : undefined,
    bin,
    enginesNode: typeof engines?.node === 'string' ? engines.node : undefined,
    dependencies,
    json,
  };
}

function readManifest(file: string): PackageManifest | undefined {
  const stamp = statStamp(file);
  if (stamp === undefined) {
    manifests.delete(file);
    return undefined;
  }
  const cached = manifests.get(file);
  if (cached?.stamp === stamp) return cached.manifest;
  let manifest: PackageManifest | undefined;
  try {
    manifest = parseManifest(path.dirname(file), fs.readFileSync(file, 'utf8'));
  } catch {
    manifest = undefined;
  }
  manifests.set(file, { stamp, manifest });
  return manifest;
}

/**
 * The package.json nearest to `filename`, walking up from its folder (inside `node_modules` too,
 * as Node does), or undefined when there is none or the file has no real path (`<input>`).
 * Folders are remembered for the process; the manifest itself is re-read when its mtime or size
 * changes.
 */
export function nearestPackageManifest(filename: string): PackageManifest | undefined {
  if (!path.isAbsolute(filename)) return undefined;
  const start = path.dirname(filename);
  const found = nearestAncestor(start, nearestByFolder, folder => {
    const candidate = path.join(folder, 'package.json');
    return statStamp(candidate) === undefined ? undefined : candidate;
  });
  if (found === null) return undefined;
  const manifest = readManifest(found);
  // The file went away since the folder was remembered: look again next time.
  if (manifest === undefined) nearestByFolder.clear();
  return manifest;
}

/** The dependencies declared by the nearest package.json (see `nearestPackageManifest`), or none. */
export function projectDependencies(filename: string): ReadonlySet<string> {
  return nearestPackageManifest(filename)?.dependencies ?? new Set();
}

/** Forgets every manifest and folder read so far (the language server calls it when files change). */
export function clearPackageManifestCache(): void {
  manifests.clear();
  nearestByFolder.clear();
}
