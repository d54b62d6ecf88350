// Lesson: avoid forgetting await [避免忘记await].
// In Python, `asyncio.sleep(1)` without `await` builds a coroutine that never runs. In JavaScript the
// work does start, but nobody waits for it: the function returns before the work is done, and a
// failure becomes an unhandled rejection, which stops Node.
import { readFile, writeFile } from 'node:fs/promises';

interface User {
  id: string;
  name: string;
}

async function loadUser(id: string): Promise<User> {
  const text = await readFile(`users/${id}.json`, 'utf8');
  return JSON.parse(text) as User;
}

async function saveUser(user: User): Promise<void> {
  await writeFile(`users/${user.id}.json`, JSON.stringify(user));
}

// ❌ Pitfall (no-missing-await): `saveUser(...)` is not awaited, so `renameUserCarelessly` resolves
// before the file is written and a failed write is reported nowhere.
export async function renameUserCarelessly(id: string, name: string): Promise<void> {
  const user = await loadUser(id);
  saveUser({ ...user, name });
}

// ❌ Pitfall (no-missing-await): a promise returned from inside `try` settles after the function has
// left the `try`, so the `catch` never sees its rejection.
export async function loadUserOrGuestCarelessly(id: string): Promise<User> {
  try {
    return loadUser(id);
  } catch (error) {
    console.error(`Could not load user ${id}:`, error);
    return { id, name: 'guest' };
  }
}

// ✅ Corrected: await the write, so the caller continues once it is done and sees its error.
export async function renameUser(id: string, name: string): Promise<void> {
  const user = await loadUser(id);
  await saveUser({ ...user, name });
}

// ✅ Corrected: `return await` inside `try`, so a rejection is caught here.
export async function loadUserOrGuest(id: string): Promise<User> {
  try {
    return await loadUser(id);
  } catch (error) {
    console.error(`Could not load user ${id}:`, error);
    return { id, name: 'guest' };
  }
}
