// Lesson: async iterators and queues [异步迭代器, 异步队列].
// The guide's `async for` over `AsyncRange` and its producer/consumer `asyncio.Queue`. In
// JavaScript: async generators, `for await`, and a small queue whose `get()` waits for an item.
import { setTimeout as sleep } from 'node:timers/promises';

// An async generator is the guide's `AsyncRange` in four lines.
async function* asyncRange(start, stop) {
  for (let current = start; current < stop; current += 1) {
    await sleep(100);
    yield current;
  }
}

/** `asyncio.Queue`: `get()` waits until an item is there. */
class AsyncQueue {
  #items = [];
  #waiting = [];

  put(item) {
    const resolve = this.#waiting.shift();
    if (resolve) resolve(item);
    else this.#items.push(item);
  }

  get() {
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift());
    return new Promise(resolve => this.#waiting.push(resolve));
  }
}

async function producer(queue, name) {
  for await (const index of asyncRange(0, 5)) {
    queue.put(`${name}-item-${index}`);
  }
  queue.put(null);
}

async function consumer(queue, name) {
  for (let item = await queue.get(); item !== null; item = await queue.get()) {
    console.log(`consumer ${name} handled ${item}`);
  }
}

// ❌ Pitfall (no-missing-await): the producer is started and forgotten: if it fails, the consumer waits forever and the error is unhandled.
export async function runPipelineCarelessly() {
  const queue = new AsyncQueue();
  producer(queue, 'P1');
  await consumer(queue, 'C1');
}

// ✅ Corrected: run producer and consumer together and wait for both, like `asyncio.gather(producer(...), consumer(...))`.
export async function runPipeline() {
  const queue = new AsyncQueue();
  await Promise.all([producer(queue, 'P1'), consumer(queue, 'C1')]);
}

// ✅ Corrected: `for await` is the guide's `async for`.
export async function printRange() {
  for await (const value of asyncRange(0, 5)) {
    console.log(`async iteration: ${value}`);
  }
}
