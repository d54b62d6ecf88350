// Lesson: don't block the event loop [不要在异步函数中使用同步阻塞操作].
// Python's `time.sleep(1)` inside `async def` stops every other task. In JavaScript a synchronous
// file read or a loop that waits for the clock does the same: no other request, timer or
// callback runs until it returns.
import { readFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

// ❌ Pitfall (no-blocking-in-async): readFileSync holds the event loop while the disk works.
export async function loadTemplateCarelessly(name) {
  const html = readFileSync(`templates/${name}.html`, 'utf8');
  return html.trim();
}

// ❌ Pitfall (no-blocking-in-async): the same through the module object; this one is fixed automatically.
export async function loadStylesCarelessly(name) {
  const css = fs.readFileSync(`styles/${name}.css`, 'utf8');
  return css.trim();
}

// ❌ Pitfall (no-blocking-in-async): spinning on the clock is `time.sleep()` written by hand.
export async function pauseCarelessly(ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {}
}

// ✅ Corrected: the promise twin lets other work run while the file is read.
export async function loadTemplate(name) {
  const html = await readFile(`templates/${name}.html`, 'utf8');
  return html.trim();
}

// ✅ Corrected: `fs.promises` is the same module's promise API.
export async function loadStyles(name) {
  const css = await fs.promises.readFile(`styles/${name}.css`, 'utf8');
  return css.trim();
}

// ✅ Corrected: `await setTimeout(ms)` from node:timers/promises is `await asyncio.sleep()`.
export async function pause(ms) {
  await sleep(ms);
}
