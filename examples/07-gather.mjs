// Lesson: concurrency with gather [并发执行多个任务].
// `asyncio.gather(a(), b())` runs independent work at the same time. Awaiting independent calls one
// after another adds their durations up; `Promise.all` takes as long as the slowest.
const API = 'https://api.example.com';

/** One request to the shop's API, bounded so that a stalled server cannot hang the page. */
async function getJson(path) {
  const response = await fetch(`${API}${path}`, { signal: AbortSignal.timeout(5000) });
  return response.json();
}

async function loadProfile(userId) {
  return getJson(`/users/${userId}`);
}

async function loadPromotions(region) {
  return getJson(`/promotions?region=${region}`);
}

async function loadReport(period) {
  return getJson(`/reports/${period}`);
}

// ❌ Pitfall (prefer-promise-all): the promotions request waits for the profile's although it does not need it: two round trips in a row instead of one.
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
