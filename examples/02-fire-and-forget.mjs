// Lesson: task references [创建和运行任务].
// Python keeps the task that `asyncio.create_task()` returns and awaits it. A JavaScript promise
// that is started and dropped ("fire and forget") has nobody to report its failure to: the
// rejection is unhandled and stops Node.
import { readFile } from 'node:fs/promises';

const cache = new Map();

async function refreshCache() {
  const text = await readFile('settings.json', 'utf8');
  cache.set('settings', JSON.parse(text));
}

// ❌ Pitfall (no-missing-await): the refresh runs in the background with no error handling.
export function onSettingsChangedCarelessly() {
  refreshCache();
}

// ✅ Corrected: a background task that is meant to run on its own still says what happens when it fails.
export function onSettingsChanged() {
  refreshCache().catch(error => {
    console.error('Could not refresh the settings cache:', error);
  });
}

// ✅ Corrected: or keep a reference, as `create_task()` does, and await it once the other work is done.
export async function refreshWhileLogging() {
  const refresh = refreshCache();
  console.log('Refreshing the settings cache...');
  await refresh;
}
