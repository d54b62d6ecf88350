import * as fs from 'node:fs';
import * as path from 'node:path';

import { MAX_FILE_BYTES } from '../module-exports';

import type { PackageManifest } from './package-manifest';

/** Programs that run a JavaScript or TypeScript file given as their first argument. */
const RUNNERS = new Set(['node', 'tsx', 'ts-node', 'ts-node-esm', 'babel-node', 'bun', 'vite-node', 'esno', 'jiti', 'zx', 'nodemon', 'node-dev', 'ts-node-dev', 'tsnd']);
/** Their options that take the next word as a value (`node -r x file.js`). */
const OPTIONS_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '-C', '--conditions', '--tsconfig']);
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;
/**
 * Scripts that start the program itself (a server, a watcher) rather than a one-shot task: the
 * files they run are the long-running code, not tooling.
 */
const PROGRAM_SCRIPT_NAME = /^(?:start|serve|server|dev|develop|watch|preview|prod|production)(?:$|[:-])/;
/** Of those, the scripts that start it for development only: a developer's local server or watcher. */
const DEVELOPMENT_SCRIPT_NAME = /^(?:dev|develop|watch)(?:$|[:-])/;

/**
 * The files a command runs with a JavaScript runner: `cross-env X=1 node --inspect extra/a.js b && tsx s.ts`.
 * With `resolveBare`, a word without an extension is also a file when it names one the way Node
 * finds a main module (`node server` runs `server.js` or `server/index.js`, `node ./bin/www` runs
 * `bin/www`): `resolveBare` gives its path, or undefined when nothing is there.
 */
function filesRunBy(command: string, resolveBare?: (word: string) => string | undefined): string[] {
  const files: string[] = [];
  for (const segment of command.split(/&&|\|\||[;|&]/)) {
    const words = segment.trim().split(/\s+/);
    const runner = words.findIndex(word => RUNNERS.has(word));
    if (runner < 0) continue;
    for (let index = runner + 1; index < words.length; index++) {
      const word = words[index]!;
      if (word === 'run' && words[runner] === 'bun') continue;
      if (word.startsWith('-')) {
        if (OPTIONS_WITH_VALUE.has(word)) index++;
        continue;
      }
      const unquoted = word.replace(/^['"]|['"]$/g, '');
      const file = SCRIPT_FILE.test(unquoted) ? unquoted : resolveBare?.(unquoted);
      if (file !== undefined) files.push(file);
      break;
    }
  }
  return files;
}

interface ScriptLayout {
  /** Absolute paths of the files the package's one-shot scripts run. */
  readonly files: ReadonlySet<string>;
  /** Absolute paths of the files only its development scripts run (no `start`, `serve`, … runs them). */
  readonly developmentFiles: ReadonlySet<string>;
  /**
   * Folders whose modules such a file loads by a name it is given (`require('./' + name)`): a
   * runner of the package's development demos, each of which is development tooling too.
   */
  readonly developmentFolders: ReadonlySet<string>;
  /** Folders (absolute, not the package root) holding two or more such files: folders of scripts. */
  readonly folders: ReadonlySet<string>;
  /** True when a script that starts the program for real (`start`, `serve`, `prod`, …, not `dev`) runs the package's own code. */
  readonly startsOwnProgram: boolean;
}

/**
 * Folders, at the package root, of code that is not the program a `start` script would run for
 * real: examples and demos, documentation, benchmarks, tests and one-shot scripts. A library's
 * `"start": "node examples/server.js"` starts its demo, not itself.
 */
const NOT_THE_PROGRAM = /^(?:examples?|demos?|samples?|playground|sandbox|docs?|website|benchmarks?|bench|tests?|__tests__|spec|scripts?|tools)\//i;

const NODE_MAIN_SUFFIXES = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '/index.js', '/index.cjs', '/index.mjs', '/index.ts'];

/** The file a runner's bare word names, found as Node finds a main module, inside `dir`. */
function resolveBareFile(dir: string, word: string): string | undefined {
  if (word.includes('$') || word.includes('*')) return undefined;
  for (const suffix of NODE_MAIN_SUFFIXES) {
    const candidate = path.resolve(dir, word + suffix);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not this one.
    }
  }
  return undefined;
}

const layouts = new WeakMap<PackageManifest, ScriptLayout>();

function layoutOf(manifest: PackageManifest): ScriptLayout {
  const cached = layouts.get(manifest);
  if (cached) return cached;
  const files = new Set<string>();
  const development = new Set<string>();
  const program = new Set<string>();
  const scripts = manifest.json.scripts;
  if (scripts && typeof scripts === 'object') {
    for (const [name, command] of Object.entries(scripts as Record<string, unknown>)) {
      if (typeof command !== 'string') continue;
      const target = !PROGRAM_SCRIPT_NAME.test(name) ? files : DEVELOPMENT_SCRIPT_NAME.test(name) ? development : program;
      const resolveBare = target === program ? (word: string) => resolveBareFile(manifest.dir, word) : undefined;
      for (const file of filesRunBy(command, resolveBare)) target.add(path.resolve(manifest.dir, file));
    }
  }
  const startsOwnProgram = [...program].some(file => {
    const relative = path.relative(manifest.dir, file).split(path.sep).join('/');
    return !relative.startsWith('../') && !path.isAbsolute(relative) && !NOT_THE_PROGRAM.test(relative) && !relative.includes('node_modules/');
  });
  const developmentFiles = new Set([...development].filter(file => !program.has(file)));
  const developmentFolders = new Set([...developmentFiles].filter(loadsSiblingsByName).map(file => path.dirname(file)));
  const perFolder = new Map<string, number>();
  for (const file of files) perFolder.set(path.dirname(file), (perFolder.get(path.dirname(file)) ?? 0) + 1);
  const folders = new Set([...perFolder].filter(([folder, count]) => count >= 2 && folder !== manifest.dir).map(([folder]) => folder));
  const layout = { files, developmentFiles, developmentFolders, folders, startsOwnProgram };
  layouts.set(manifest, layout);
  return layout;
}

/**
 * True when package.json's scripts run `filename` as a one-shot task (`"release": "node
 * extra/release.mjs"`), or when it sits in a folder of such scripts (a folder, other than the
 * package root, from which two or more scripts are run): a helper module of those scripts.
 * Scripts that start the program (`start`, `dev`, `serve`, …) do not count.
 */
export function isPackageScript(manifest: PackageManifest, filename: string): boolean {
  const layout = layoutOf(manifest);
  return layout.files.has(filename) || layout.folders.has(path.dirname(filename));
}

/**
 * True when only the package's development scripts run `filename` (`"dev": "tsx dev-server.ts"`,
 * and no `start` or `serve` script runs it too): a developer's local server or tool.
 */
export function isDevelopmentScript(manifest: PackageManifest, filename: string): boolean {
  const layout = layoutOf(manifest);
  return layout.developmentFiles.has(filename) || layout.developmentFolders.has(path.dirname(filename));
}

/** `require('./' + name)`, `` import(`./${name}`) ``: a module of its own folder, chosen by a name given at run time. */
const LOADS_SIBLING_BY_NAME = /\b(?:require|import)\s*\(\s*(?:(['"])\.\/\1\s*\+|`\.\/\$\{)/;

function loadsSiblingsByName(file: string): boolean {
  try {
    const stats = fs.statSync(file);
    return stats.isFile() && stats.size <= MAX_FILE_BYTES && LOADS_SIBLING_BY_NAME.test(fs.readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * True when the package is an application: a script that starts the program for real (`start`,
 * `serve`, `prod`, …, not `dev` or `watch`) runs a file of its own (`"start": "node server.js"`,
 * `"start": "node ./bin/www"`, `"prod": "node --require tsx/cjs node/server.ts"`), outside its
 * examples, docs, benchmarks, tests and scripts. Its owner deploys and runs it, knowing the files it
 * touches and the load it serves; a library runs inside a process someone else owns.
 */
export function startsOwnProgram(manifest: PackageManifest): boolean {
  return layoutOf(manifest).startsOwnProgram;
}
