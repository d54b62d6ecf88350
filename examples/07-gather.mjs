// Lesson: concurrency with gather [并发执行多个任务].
// `asyncio.gather(a(), b())` runs independent work at the same time. Awaiting independent calls one
// after another adds their durations up; `Promise.all` takes as long as the slowest.
import { setTimeout as sleep } from 'node:timers/promises';

async function loadProfile(userId) {
  await sleep(200);
  return { userId, name: 'Ada' };
}

async function loadPromotions(region) {
  await sleep(300);
  return [{ region, discount: 10 }];
}

async function loadReport(period) {
  await sleep(100);
  return { period, rows: [] };
}

// ❌ Pitfall (prefer-promise-all): the promotions wait for the profile although they do not need it (500 ms instead of 300).
export async function loadDashboardSequentially(userId, region) {
  const profile = await loadProfile(userId);
  const promotions = await loadPromotions(region);
  return { profile, promotions };
}

// ❌ Pitfall (prefer-promise-all): each report waits for the previous one although they are independent.
export async function loadReportsSequentially() {
  const reports = [];
  for (const period of ['day', 'week', 'month']) {
    reports.push(await loadReport(period));
  }
  return reports;
}

// ✅ Corrected: start both, then wait for both.
export async function loadDashboard(userId, region) {
  const [profile, promotions] = await Promise.all([loadProfile(userId), loadPromotions(region)]);
  return { profile, promotions };
}

// ✅ Corrected: three reports at once, results in the same order.
export async function loadReports() {
  return Promise.all(['day', 'week', 'month'].map(period => loadReport(period)));
}
