// Lesson: async context managers [异步上下文管理器].
// Python's `async with` releases a resource however the block ends. JavaScript's twin is
// `await using` with `Symbol.asyncDispose` (TypeScript 5.2+, Node 24+), or `try/finally` anywhere.
import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

// ❌ Pitfall (no-unclosed-resource): the handle is closed only when the write succeeds; a failed write leaks it.
export async function appendLineCarelessly(path: string, line: string): Promise<void> {
  const file = await open(path, 'a');
  await file.write(`${line}\n`);
  await file.close();
}

// ✅ Corrected: `await using` closes the handle when the block is left, by return or by throw.
export async function appendLine(path: string, line: string): Promise<void> {
  await using file = await open(path, 'a');
  await file.write(`${line}\n`);
}

// ✅ Corrected: the guide's `AsyncResource` with `__aenter__`/`__aexit__`, as an AsyncDisposable class.
class AsyncResource implements AsyncDisposable {
  static async acquire(): Promise<AsyncResource> {
    console.log('acquire the resource');
    await sleep(100);
    return new AsyncResource();
  }

  async doSomething(): Promise<void> {
    console.log('use the resource');
    await sleep(500);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    console.log('release the resource');
    await sleep(100);
  }
}

export async function useResource(): Promise<void> {
  await using resource = await AsyncResource.acquire();
  await resource.doSomething();
}
