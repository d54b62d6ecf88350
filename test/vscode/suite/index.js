// The entry VS Code's extension host loads as `extensionTestsPath` and awaits `run()` from, the
// same under @vscode/test-electron and under code-server. It runs every `*.vsc.js` beside it with
// mocha and writes the closing "N passed, N failed" line to VSCODE_TEST_RESULT_FILE, so a runner
// that only sees the host from outside can tell a run that passed from one that never started.
/* eslint-disable @typescript-eslint/no-require-imports -- VS Code loads extension tests as CommonJS */
const fs = require('node:fs/promises');
const path = require('node:path');

// mocha's package entry is an ES module; its CommonJS build is the same code.
const Mocha = require('mocha/lib/mocha.cjs');

exports.run = async function run() {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120000 });
  const only = process.env.ASYNC_PITFALLS_TEST_GREP;
  if (only) mocha.grep(only);
  for (const file of (await fs.readdir(__dirname)).sort()) {
    if (file.endsWith('.vsc.js')) mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  const { passes, failures } = await new Promise((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats));
  });
  const summary = `${passes} passed, ${failures} failed`;
  console.log(summary);
  if (process.env.VSCODE_TEST_RESULT_FILE) await fs.writeFile(process.env.VSCODE_TEST_RESULT_FILE, `${summary}\n`);
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
  if (passes === 0) throw new Error('no test ran');
};
