// Lesson: limit concurrency [合理使用并发].
// The guide bounds its requests with `asyncio.Semaphore(10)`. `Promise.all(urls.map(fetch))` over a
// list of unknown length opens every connection at once and gets the client throttled or the
// server overwhelmed.

// ❌ Pitfall (no-unbounded-concurrency): one request per URL, all at the same time, however many there are.
export async function downloadAllCarelessly(urls: string[]): Promise<string[]> {
  return Promise.all(
    urls.map(async url => {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      return response.text();
    }),
  );
}

// ✅ Corrected: a semaphore without dependencies: at most `max` tasks run at once, the rest wait their turn.
function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    while (active >= max) {
      await new Promise<void>(resolve => waiting.push(resolve));
    }
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

export async function downloadAll(urls: string[], maxConcurrent = 10): Promise<string[]> {
  const limit = createLimiter(maxConcurrent);
  return Promise.all(
    urls.map(url =>
      limit(async () => {
        const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        return response.text();
      }),
    ),
  );
}
