// Lesson: exceptions in concurrent tasks [异步异常处理].
// `asyncio.gather(..., return_exceptions=True)` hands every failure back to the caller. An async
// callback whose promise nobody looks at does the opposite: `forEach` does not wait for it, and
// its rejection is reported by nobody.
import type { EventEmitter } from 'node:events';
import { appendFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

interface User {
  email: string;
}

async function sendWelcome(user: User): Promise<void> {
  await sleep(50);
  console.log(`welcome sent to ${user.email}`);
}

// ❌ Pitfall (no-misused-async-callback): `forEach` ignores the promises, so this returns before any mail is sent and failures are lost.
export async function welcomeAllCarelessly(users: User[]): Promise<void> {
  users.forEach(async user => {
    await sendWelcome(user);
  });
}

// ❌ Pitfall (no-misused-async-callback): the emitter ignores the handler's promise; a failed append is an unhandled rejection.
export function logMessagesCarelessly(emitter: EventEmitter): void {
  emitter.on('message', async (message: string) => {
    await appendFile('messages.log', `${message}\n`);
  });
}

// ✅ Corrected: wait for all of them, like `gather(return_exceptions=True)`, and report each failure.
export async function welcomeAll(users: User[]): Promise<void> {
  const results = await Promise.allSettled(users.map(user => sendWelcome(user)));
  results.forEach((result, index) => {
    if (result.status === 'rejected') console.error(`Could not welcome ${users[index]?.email}:`, result.reason);
  });
}

// ✅ Corrected: the handler catches its own errors, since the emitter will not.
export function logMessages(emitter: EventEmitter): void {
  emitter.on('message', async (message: string) => {
    try {
      await appendFile('messages.log', `${message}\n`);
    } catch (error) {
      console.error('Could not log a message:', error);
    }
  });
}
