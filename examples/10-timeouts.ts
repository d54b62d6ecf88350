// Lesson: timeouts [超时处理].
// `asyncio.wait_for(x, timeout=3)` bounds a wait. A request with no timeout can hang forever and
// take its caller with it; `AbortSignal.timeout(ms)` is the bound for `fetch`.

// ❌ Pitfall (require-timeout): if the server never answers, neither does this function.
export async function getJsonCarelessly(url: string): Promise<unknown> {
  const response = await fetch(url);
  return response.json();
}

// ✅ Corrected: give up after three seconds, like `wait_for(..., timeout=3.0)`.
export async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
  return response.json();
}

// ✅ Corrected: one deadline for a whole sequence of steps, like `async with asyncio.timeout(2.0)`.
export async function getBoth(firstUrl: string, secondUrl: string): Promise<[unknown, unknown]> {
  const signal = AbortSignal.timeout(2000);
  const [first, second] = await Promise.all([
    fetch(firstUrl, { signal }).then(response => response.json()),
    fetch(secondUrl, { signal }).then(response => response.json()),
  ]);
  return [first, second];
}
