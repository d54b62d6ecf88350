import type { ResolvedName } from './imports';
import { canonicalName, formatResolvedName, normalizeModuleSource } from './imports';

/**
 * What to use instead of a blocking call.
 * - `promises`: the export of the same name (without `Sync`) in `<module>/promises`, same
 *   arguments and same result; `await` of it is exactly equivalent inside an async function.
 * - `global`: a global async function with the same arguments and result (Deno, Bun).
 * - `promisify`: `await promisify(<module>.<name>)(…)`; same arguments, same result.
 * - `text`: no drop-in replacement; the message names the twin.
 */
export type AsyncTwin =
  | { kind: 'promises'; module: string; name: string }
  | { kind: 'global'; path: string }
  | { kind: 'promisify'; module: string; name: string }
  | { kind: 'text'; text: string };

export interface BlockingCall {
  /** Canonical module (no `node:`) or undefined for a global. */
  source: string | undefined;
  path: string;
  twin: AsyncTwin;
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

function buildCatalog(): BlockingCall[] {
  const calls: BlockingCall[] = [];
  for (const name of FS_SYNC_WITH_PROMISES_TWIN) {
    calls.push({ source: 'fs', path: `${name}Sync`, twin: { kind: 'promises', module: 'fs', name } });
  }
  for (const name of FS_FD_SYNC) {
    calls.push({
      source: 'fs',
      path: `${name}Sync`,
      twin: { kind: 'text', text: `the matching method of a FileHandle from 'fs/promises' open()` },
    });
  }
  calls.push(
    { source: 'fs', path: 'openSync', twin: { kind: 'text', text: `open() from 'fs/promises' (returns a FileHandle)` } },
    { source: 'fs', path: 'existsSync', twin: { kind: 'text', text: `access() from 'fs/promises' in a try/catch` } },
    { source: 'fs', path: 'readvSync', twin: { kind: 'text', text: 'FileHandle#readv()' } },
  );
  for (const name of ['execSync', 'execFileSync']) {
    const base = name.slice(0, -'Sync'.length);
    calls.push({
      source: 'child_process',
      path: name,
      twin: { kind: 'text', text: `promisify(${base}) from 'util' (resolves to { stdout, stderr })` },
    });
  }
  calls.push({
    source: 'child_process',
    path: 'spawnSync',
    twin: { kind: 'text', text: `spawn() from 'child_process' and awaiting its 'close' event` },
  });
  for (const name of ['pbkdf2', 'scrypt', 'randomFill', 'generateKeyPair', 'hkdf']) {
    calls.push({ source: 'crypto', path: `${name}Sync`, twin: { kind: 'promisify', module: 'crypto', name } });
  }
  calls.push({ source: 'crypto', path: 'generatePrimeSync', twin: { kind: 'promisify', module: 'crypto', name: 'generatePrime' } });
  for (const name of [
    'brotliCompress',
    'brotliDecompress',
    'deflate',
    'deflateRaw',
    'gunzip',
    'gzip',
    'inflate',
    'inflateRaw',
    'unzip',
  ]) {
    calls.push({ source: 'zlib', path: `${name}Sync`, twin: { kind: 'promisify', module: 'zlib', name } });
  }
  calls.push({ source: undefined, path: 'Atomics.wait', twin: { kind: 'text', text: 'Atomics.waitAsync()' } });
  for (const name of [
    'readTextFile',
    'readFile',
    'writeTextFile',
    'writeFile',
    'readDir',
    'stat',
    'lstat',
    'mkdir',
    'remove',
    'rename',
    'copyFile',
    'realPath',
    'readLink',
    'truncate',
    'makeTempDir',
    'makeTempFile',
    'chmod',
    'chown',
    'symlink',
    'link',
    'utime',
    'open',
    'create',
  ]) {
    calls.push({ source: undefined, path: `Deno.${name}Sync`, twin: { kind: 'global', path: `Deno.${name}` } });
  }
  calls.push(
    { source: undefined, path: 'Bun.sleepSync', twin: { kind: 'text', text: 'await Bun.sleep(ms)' } },
    { source: undefined, path: 'Bun.spawnSync', twin: { kind: 'text', text: 'Bun.spawn() and awaiting its exited promise' } },
  );
  return calls;
}

/** The built-in list of blocking calls, keyed by `formatResolvedName`. */
export const BLOCKING_CALLS: ReadonlyMap<string, BlockingCall> = new Map(
  buildCatalog().map(call => [formatResolvedName({ source: call.source, path: call.path.split('.') }), call]),
);

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

export function describeTwin(twin: AsyncTwin): string {
  switch (twin.kind) {
    case 'promises':
      return `${twin.name}() from '${twin.module}/promises'`;
    case 'global':
      return `await ${twin.path}()`;
    case 'promisify':
      return `promisify(${twin.name}) from 'util' (or '${twin.module}' with await)`;
    case 'text':
      return twin.text;
  }
}
