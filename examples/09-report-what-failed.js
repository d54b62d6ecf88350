// Lesson: report what failed [异步异常处理].
// The guide prints every exception it catches. An empty handler turns a failure into silence:
// the program goes on with missing data and nobody knows why.
import { readFile, writeFile } from 'node:fs/promises';

const DRAFT_PATH = 'draft.json';

// ❌ Pitfall (no-swallowed-rejection): a failed save disappears without a trace.
export function saveDraftCarelessly(draft) {
  return writeFile(DRAFT_PATH, JSON.stringify(draft)).catch(() => {});
}

// ❌ Pitfall (no-swallowed-rejection): an empty `catch` hides a missing file and a corrupt one alike.
export async function loadDraftCarelessly() {
  try {
    return JSON.parse(await readFile(DRAFT_PATH, 'utf8'));
  } catch {}
  return {};
}

// ✅ Corrected: say what failed, then go on.
export function saveDraft(draft) {
  return writeFile(DRAFT_PATH, JSON.stringify(draft)).catch(error => {
    console.error('Could not save the draft:', error);
  });
}

// ✅ Corrected: report the error before falling back.
export async function loadDraft() {
  try {
    return JSON.parse(await readFile(DRAFT_PATH, 'utf8'));
  } catch (error) {
    console.error('Could not load the draft, starting empty:', error);
  }
  return {};
}
