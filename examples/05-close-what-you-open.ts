// Lesson: close what you open [正确处理异步上下文].
// The guide's `aiohttp.ClientSession()` that is never closed leaks connections. In Node the same
// happens to a `FileHandle` that is never closed, an interval that is never cleared, or a fetch
// response whose body is never read (the connection stays busy until it is).
import { open } from 'node:fs/promises';

// ❌ Pitfall (no-unclosed-resource): the file handle is never closed.
export async function readHeaderCarelessly(path: string): Promise<string> {
  const file = await open(path, 'r');
  const { buffer, bytesRead } = await file.read(Buffer.alloc(64), 0, 64, 0);
  return buffer.toString('utf8', 0, bytesRead);
}

// ❌ Pitfall (no-unclosed-resource): nothing can ever stop this interval.
export function startHeartbeatCarelessly(): void {
  const heartbeat = setInterval(() => console.log('alive'), 1000);
  console.log('heartbeat started');
}

// ❌ Pitfall (no-unclosed-resource): the body is neither read nor cancelled, so the connection is not released.
export async function isReachableCarelessly(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return response.ok;
}

// ✅ Corrected: `finally` closes the handle on every path, errors included.
export async function readHeader(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await file.close();
  }
}

// ✅ Corrected: whoever starts the interval gets the way to stop it.
export function startHeartbeat(): () => void {
  const heartbeat = setInterval(() => console.log('alive'), 1000);
  return () => clearInterval(heartbeat);
}

// ✅ Corrected: cancel the body that is not needed.
export async function isReachable(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  await response.body?.cancel();
  return response.ok;
}
