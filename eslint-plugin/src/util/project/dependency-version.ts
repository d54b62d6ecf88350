import * as fs from 'node:fs';
import * as path from 'node:path';

import type { PackageManifest } from './package-manifest';
import { nearestPackageManifest } from './package-manifest';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** The lowest version a range admits, in a major it does not leave. */
export interface VersionFloor {
  major: number;
  minor: number;
}

/**
 * The floor of a range that stays within one major version: `^4.18.2` (4.18), `~4.17.1`,
 * `4.x` (4.0), `4`, `=4.1.0`, `v4.1.0`, or an installed version. Undefined for anything else
 * (`>=4`, `4 || 5`, `*`, `latest`, a URL, `workspace:`): it names no major for certain.
 */
export function versionFloorOf(range: string): VersionFloor | undefined {
  const match = /^\s*(?:[\^~=]|v)?\s*(\d+)(?:\.(\d+|x|X|\*))?(?:\.(?:\d+|x|X|\*))?(?:-[\w.]+)?\s*$/.exec(range);
  if (!match) return undefined;
  const minor = Number(match[2]);
  return { major: Number(match[1]), minor: Number.isInteger(minor) ? minor : 0 };
}

function readVersion(manifestFile: string): string | undefined {
  try {
    const json = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { version?: unknown };
    return typeof json.version === 'string' ? json.version : undefined;
  } catch {
    return undefined;
  }
}

/** The version of `name` that Node would load from `dir`: the nearest `node_modules/<name>` up the folders. */
function installedVersion(dir: string, name: string): string | undefined {
  for (let folder = dir; ; ) {
    const candidate = path.join(folder, 'node_modules', name, 'package.json');
    if (fs.existsSync(candidate)) return readVersion(candidate);
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

function declaredRange(manifest: PackageManifest, name: string): string | undefined {
  for (const field of DEPENDENCY_FIELDS) {
    const ranges = manifest.json[field];
    if (ranges === null || typeof ranges !== 'object') continue;
    const range = (ranges as Record<string, unknown>)[name];
    if (typeof range === 'string') return range;
  }
  return undefined;
}

/** By manifest: a re-read package.json (npm install rewrites it) is a new object, so a fresh answer. */
const floors = new WeakMap<PackageManifest, Map<string, VersionFloor | undefined>>();

/**
 * The version of a dependency of the project a file belongs to: the installed copy found from
 * the nearest package.json's folder (what actually runs) when it is of the major the package.json
 * declares, or when that names none; else the floor of the declared range when it stays in one
 * major. Undefined when the project does not declare the dependency or its version cannot be
 * known.
 */
export function dependencyVersion(filename: string, name: string): VersionFloor | undefined {
  const manifest = nearestPackageManifest(filename);
  if (!manifest?.dependencies.has(name)) return undefined;
  let known = floors.get(manifest);
  if (!known) {
    known = new Map();
    floors.set(manifest, known);
  }
  if (known.has(name)) return known.get(name);
  const declared = declaredRange(manifest, name);
  const declaredFloor = declared === undefined ? undefined : versionFloorOf(declared);
  const installed = installedVersion(manifest.dir, name);
  const installedFloor = installed === undefined ? undefined : versionFloorOf(installed);
  // A copy of another major found up the folders belongs to something else (hoisted for another
  // package, or not yet replaced by an install): the declared range says what the project runs.
  const floor = installedFloor && (!declaredFloor || installedFloor.major === declaredFloor.major) ? installedFloor : declaredFloor;
  known.set(name, floor);
  return floor;
}
