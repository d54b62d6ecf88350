// Lesson: run blocking work elsewhere [避免阻塞操作, run_in_executor].
// Python moves blocking work to a thread pool with `loop.run_in_executor()`. Node already runs
// child processes, hashing and compression on its own thread pool: the callback and promise forms
// hand the work over and keep the event loop free.
const { execFile, execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const { promisify } = require('node:util');
const zlib = require('node:zlib');

const execFileAsync = promisify(execFile);
const pbkdf2 = promisify(crypto.pbkdf2);
const gzip = promisify(zlib.gzip);

// ❌ Pitfall (no-blocking-in-async): the whole `git` run happens on the event loop's thread.
async function currentCommitCarelessly() {
  const stdout = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
  return stdout.trim();
}

// ❌ Pitfall (no-blocking-in-async): key derivation is meant to be slow; done synchronously, it stalls every request.
async function hashPasswordCarelessly(password, salt) {
  const key = crypto.pbkdf2Sync(password, salt, 600000, 64, 'sha512');
  return key.toString('hex');
}

// ❌ Pitfall (no-blocking-in-async): compressing a large body synchronously.
async function compressCarelessly(body) {
  const compressed = zlib.gzipSync(body);
  return compressed.length;
}

// ✅ Corrected: the promisified child process runs while the event loop serves others.
async function currentCommit() {
  const { stdout } = await execFileAsync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
  return stdout.trim();
}

// ✅ Corrected: the callback API runs on libuv's thread pool, Node's `run_in_executor`.
async function hashPassword(password, salt) {
  const key = await pbkdf2(password, salt, 600000, 64, 'sha512');
  return key.toString('hex');
}

// ✅ Corrected: zlib's callback API compresses on the thread pool too.
async function compress(body) {
  const compressed = await gzip(body);
  return compressed.length;
}

module.exports = {
  currentCommitCarelessly,
  hashPasswordCarelessly,
  compressCarelessly,
  currentCommit,
  hashPassword,
  compress,
};
