import type { ResolvedName } from './imports';
import { canonicalName, formatResolvedName, normalizeModuleSource } from './imports';

/**
 * What to use instead of a blocking call.
 * - `module`: export `name` of `module` (`readFile` of `fs/promises`): same arguments, same
 *   result; `await` of it is exactly equivalent inside an async function.
 * - `global`: a global async function with the same arguments and result (Deno, Bun).
 * - `promisify`: `await promisify(<module>.<name>)(…)`. With `resultProperty`, the promise
 *   resolves to an object and the blocking call's result is that property of it (`exec`:
 *   `{ stdout, stderr }`); the replacement then differs in more than timing, see `caveat`.
 * - `text`: no drop-in replacement; the message names the twin (built-in texts name Node's modules
 *   the way the file spells them, see `ModuleSpelling`).
 */
export type AsyncTwin =
  | { kind: 'module'; module: string; name: string }
  | { kind: 'global'; path: string }
  | { kind: 'promisify'; module: string; name: string; resultProperty?: string; caveat?: string }
  | { kind: 'text'; text: string | ((spell: ModuleSpelling) => string) };

/** How a file writes a module specifier: `node:fs/promises` or `fs/promises` for Node's own modules. */
export type ModuleSpelling = (module: string) => string;

export interface BlockingCall {
  /** Canonical module (no `node:`) or undefined for a global. */
  source: string | undefined;
  path: string;
  twin: AsyncTwin;
  /**
   * The call also takes a numeric file descriptor as first argument, which its twin does not
   * (`readFileSync(0)`): the twin is exact only when the first argument is certainly a path.
   */
  acceptsFileDescriptor?: boolean;
  /**
   * The call does one operation on one path, whatever the file holds (`statSync`, `mkdirSync`,
   * `unlinkSync`): it blocks for one system call, or a few bounded by the path's depth. Such a call
   * is reported only when it is repeated (see `util/blocking/single-path-operations.ts`), or, with
   * `unlessRecursive`, when its options remove a whole tree (`rmSync(dir, { recursive: true })`).
   * A call the user lists in `blockingCalls` is always reported.
   */
  singlePath?: 'always' | 'unlessRecursive';
  /**
   * The call works on the file system: Node's fs (and graceful-fs, fs-extra), Deno's file calls.
   * In an application's own code such a call is reported only when the rule is asked to (see the
   * rule's `checkFileSystemInApplications`); a child process, a key derivation or a busy wait is
   * reported there as anywhere.
   */
  fileSystem?: true;
}

const FS_SYNC_WITH_PROMISES_TWIN = [
  'access',
  'appendFile',
  'chmod',
  'chown',
  'copyFile',
  'cp',
  'lchown',
  'lutimes',
  'link',
  'lstat',
  'mkdir',
  'mkdtemp',
  'opendir',
  'readdir',
  'readFile',
  'readlink',
  'realpath',
  'rename',
  'rm',
  'rmdir',
  'stat',
  'statfs',
  'symlink',
  'truncate',
  'unlink',
  'utimes',
  'writeFile',
];

/**
 * Node's fs calls that do one operation on one path: a stat, a check of access, creating,
 * renaming, linking or removing one entry, resolving a link. Their cost does not grow with what
 * the file holds; `rm` and `rmdir` do only without `recursive`.
 */
const FS_SINGLE_PATH: ReadonlyMap<string, 'always' | 'unlessRecursive'> = new Map([
  ...['access', 'lstat', 'stat', 'statfs', 'mkdir', 'mkdtemp', 'rename', 'unlink', 'link', 'symlink', 'readlink', 'realpath'].map(
    name => [name, 'always'] as const,
  ),
  ['rm', 'unlessRecursive'],
  ['rmdir', 'unlessRecursive'],
]);

/** fs-extra's calls that create one path with its missing parents (`ensureDirSync`, `mkdirpSync`). */
const FS_EXTRA_SINGLE_PATH = new Set(['ensureDir', 'ensureFile', 'ensureLink', 'ensureSymlink', 'mkdirp', 'mkdirs']);

/** Deno's calls that do one operation on one path; `Deno.removeSync` only without `recursive`. */
const DENO_SINGLE_PATH: ReadonlyMap<string, 'always' | 'unlessRecursive'> = new Map([
  ...['lstat', 'stat', 'mkdir', 'makeTempDir', 'makeTempFile', 'link', 'symlink', 'readLink', 'realPath', 'rename'].map(
    name => [name, 'always'] as const,
  ),
  ['remove', 'unlessRecursive'],
]);

/** Modules with Node's fs API. */
const FS_MODULES = ['fs', 'graceful-fs'];

/** Calls whose sync form also takes a file descriptor where the promise form takes a path or FileHandle. */
const FS_TAKES_FILE_DESCRIPTOR = new Set(['appendFile', 'readFile', 'truncate', 'writeFile']);

/** File-descriptor calls: their async twin works on a `FileHandle`, not a drop-in. */
const FS_FD_SYNC = [
  'close',
  'fchmod',
  'fchown',
  'fdatasync',
  'fstat',
  'fsync',
  'ftruncate',
  'futimes',
  'read',
  'readv',
  'write',
  'writev',
];

/** fs-extra's own sync calls; without a callback their async forms return promises. */
const FS_EXTRA_SYNC = [
  'copy',
  'emptyDir',
  'emptydir',
  'ensureDir',
  'ensureFile',
  'ensureLink',
  'ensureSymlink',
  'mkdirp',
  'mkdirs',
  'move',
  'outputFile',
  'outputJson',
  'outputJSON',
  'readJson',
  'readJSON',
  'remove',
  'writeJson',
  'writeJSON',
];

const CRYPTO_SYNC = ['pbkdf2', 'scrypt', 'randomFill', 'generateKeyPair', 'generateKey', 'generatePrime', 'checkPrime', 'hkdf'];

const ZLIB_SYNC = [
  'brotliCompress',
  'brotliDecompress',
  'deflate',
  'deflateRaw',
  'gunzip',
  'gzip',
  'inflate',
  'inflateRaw',
  'unzip',
  'zstdCompress',
  'zstdDecompress',
];

/** Deno's sync file APIs whose async form takes the same arguments and resolves to the same value. */
const DENO_SYNC_WITH_TWIN = [
  'chmod',
  'chown',
  'copyFile',
  'create',
  'link',
  'lstat',
  'makeTempDir',
  'makeTempFile',
  'mkdir',
  'open',
  'readFile',
  'readLink',
  'readTextFile',
  'realPath',
  'remove',
  'rename',
  'stat',
  'symlink',
  'truncate',
  'utime',
  'writeFile',
  'writeTextFile',
];

const EXEC_CAVEAT =
  'it resolves to { stdout, stderr } with strings by default (not Buffers), rejects with the output on a non-zero exit, and captures stderr instead of printing it';

/**
 * Calls that change one attribute of one file: its mode, owner or times (`chmodSync`,
 * `chownSync`, `utimesSync`, their `l`/`f` forms, Deno's `utimeSync`). One system call each, whatever the file
 * holds, made once after a write; opt-in, like `existsSync` (see `OPT_IN_CALLS`).
 */
const ATTRIBUTE_CHANGES = new Set(['chmod', 'chown', 'lchown', 'lutimes', 'utimes', 'fchmod', 'fchown', 'futimes', 'utime']);

/** The catalog of calls, those that change attributes (`optIn`) or all the others. */
function buildCatalog(optIn = false): BlockingCall[] {
  const calls = buildFullCatalog();
  return calls.filter(call => {
    const base = call.path.replace(/^Deno\./, '').replace(/Sync$/, '');
    return ATTRIBUTE_CHANGES.has(base) === optIn;
  });
}

function buildFullCatalog(): BlockingCall[] {
  return [...buildFileSystemCatalog().map((call): BlockingCall => ({ ...call, fileSystem: true })), ...buildOtherCatalog()];
}

function buildFileSystemCatalog(): BlockingCall[] {
  const calls: BlockingCall[] = [];
  for (const name of FS_SYNC_WITH_PROMISES_TWIN) {
    const acceptsFileDescriptor = FS_TAKES_FILE_DESCRIPTOR.has(name);
    const singlePath = FS_SINGLE_PATH.get(name);
    // graceful-fs is fs with retries on EMFILE; its twin is Node's own promise API.
    for (const source of FS_MODULES) {
      calls.push({ source, path: `${name}Sync`, twin: { kind: 'module', module: 'fs/promises', name }, acceptsFileDescriptor, singlePath });
    }
    // fs-extra's promise forms are fs's callback forms behind universalify: they take descriptors too.
    calls.push({ source: 'fs-extra', path: `${name}Sync`, twin: { kind: 'module', module: 'fs-extra', name }, singlePath });
  }
  for (const name of FS_EXTRA_SYNC) {
    const singlePath = FS_EXTRA_SINGLE_PATH.has(name) ? 'always' : undefined;
    calls.push({ source: 'fs-extra', path: `${name}Sync`, twin: { kind: 'module', module: 'fs-extra', name }, singlePath });
  }
  for (const name of FS_FD_SYNC) {
    const twin: AsyncTwin = { kind: 'text', text: spell => `the matching method of a FileHandle from open() of '${spell('fs/promises')}'` };
    for (const source of [...FS_MODULES, 'fs-extra']) calls.push({ source, path: `${name}Sync`, twin });
  }
  for (const source of FS_MODULES) {
    calls.push(
      { source, path: 'openSync', twin: { kind: 'text', text: spell => `open() from '${spell('fs/promises')}' (it returns a FileHandle)` } },
      { source, path: 'globSync', twin: { kind: 'text', text: spell => `glob() from '${spell('fs/promises')}' with for await` } },
    );
  }
  for (const name of DENO_SYNC_WITH_TWIN) {
    calls.push({ source: undefined, path: `Deno.${name}Sync`, twin: { kind: 'global', path: `Deno.${name}` }, singlePath: DENO_SINGLE_PATH.get(name) });
  }
  calls.push({ source: undefined, path: 'Deno.readDirSync', twin: { kind: 'text', text: 'for await over Deno.readDir()' } });
  return calls;
}

function buildOtherCatalog(): BlockingCall[] {
  const calls: BlockingCall[] = [];
  for (const name of ['exec', 'execFile']) {
    calls.push({
      source: 'child_process',
      path: `${name}Sync`,
      twin: { kind: 'promisify', module: 'child_process', name, resultProperty: 'stdout', caveat: EXEC_CAVEAT },
    });
  }
  calls.push(
    {
      source: 'child_process',
      path: 'spawnSync',
      twin: { kind: 'text', text: spell => `spawn() from '${spell('child_process')}', awaiting its 'close' event` },
    },
    { source: 'execa', path: 'execaSync', twin: { kind: 'text', text: `await execa()` } },
    { source: 'execa', path: 'execaCommandSync', twin: { kind: 'text', text: `await execaCommand()` } },
    { source: 'execa', path: 'execaNodeSync', twin: { kind: 'text', text: `await execaNode()` } },
    { source: 'cross-spawn', path: 'sync', twin: { kind: 'text', text: `cross-spawn's async spawn(), awaiting its 'close' event` } },
  );
  for (const name of CRYPTO_SYNC) {
    calls.push({ source: 'crypto', path: `${name}Sync`, twin: { kind: 'promisify', module: 'crypto', name } });
  }
  for (const name of ZLIB_SYNC) {
    calls.push({ source: 'zlib', path: `${name}Sync`, twin: { kind: 'promisify', module: 'zlib', name } });
  }
  calls.push({ source: undefined, path: 'Atomics.wait', twin: { kind: 'text', text: 'await Atomics.waitAsync(…).value' } });
  calls.push(
    { source: undefined, path: 'Bun.sleepSync', twin: { kind: 'global', path: 'Bun.sleep' } },
    { source: undefined, path: 'Bun.spawnSync', twin: { kind: 'text', text: 'Bun.spawn(), awaiting its exited promise' } },
  );
  return calls;
}

/**
 * Calls that block only briefly and are reported only when listed in the `blockingCalls` option.
 * `existsSync` is one stat of a path: its async form needs a try/catch around `access()` and
 * invites a check-then-use race, so reporting it by default would cost more than it finds. The
 * attribute changes (`chownSync` after writing a file) cost one system call each.
 */
const OPT_IN_CALLS: BlockingCall[] = [
  ...buildCatalog(true),
  ...FS_MODULES.map(
    (source): BlockingCall => ({
      source,
      path: 'existsSync',
      twin: { kind: 'text', text: spell => `access() from '${spell('fs/promises')}' in a try/catch` },
      fileSystem: true,
    }),
  ),
  { source: 'fs-extra', path: 'existsSync', twin: { kind: 'text', text: `fs-extra's pathExists()` }, fileSystem: true },
  { source: 'fs-extra', path: 'pathExistsSync', twin: { kind: 'module', module: 'fs-extra', name: 'pathExists' }, fileSystem: true },
];

function byKey(calls: BlockingCall[]): ReadonlyMap<string, BlockingCall> {
  return new Map(calls.map(call => [formatResolvedName({ source: call.source, path: call.path.split('.') }), call]));
}

/** The built-in list of blocking calls, keyed by `formatResolvedName`. */
export const BLOCKING_CALLS: ReadonlyMap<string, BlockingCall> = byKey(buildCatalog());

/** Known blocking calls that are off by default; a `blockingCalls` entry turns them on with their twin. */
export const OPT_IN_BLOCKING_CALLS: ReadonlyMap<string, BlockingCall> = byKey(OPT_IN_CALLS);

export function blockingCallKey(name: ResolvedName): string {
  return formatResolvedName(canonicalName(name));
}

/** The key of a user entry: `{ module: 'node:fs', name: 'readFileSync' }` → `fs.readFileSync`. */
export function userBlockingCallKey(module: string | undefined, name: string): string {
  return formatResolvedName({
    source: module === undefined ? undefined : normalizeModuleSource(module),
    path: name.split('.'),
  });
}

/**
 * The twin in words for a message, its modules spelled as the file spells them. `argumentsText`
 * is what the blocking call passes (`cmd`), shown in a promisified call so that it does not read
 * as a call without arguments; `…` when not given.
 */
export function describeTwin(twin: AsyncTwin, spell: ModuleSpelling, argumentsText = '…'): string {
  switch (twin.kind) {
    case 'module':
      return `await ${twin.name}() from '${spell(twin.module)}'`;
    case 'global':
      return `await ${twin.path}()`;
    case 'promisify': {
      const call = `await promisify(${twin.name})(${argumentsText})`;
      const origin = `(promisify from '${spell('util')}', ${twin.name} from '${spell(twin.module)}')`;
      return twin.resultProperty === undefined ? `${call} ${origin}` : `(${call}).${twin.resultProperty} ${origin}`;
    }
    case 'text':
      return typeof twin.text === 'string' ? twin.text : twin.text(spell);
  }
}
