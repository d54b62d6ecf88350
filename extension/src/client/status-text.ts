import type { StatusParams } from '../shared/protocol';

/**
 * Longest detail of the language status item. VS Code shows it on one line beside the item's
 * command link, in a popup about 500 px wide: a longer detail pushes the link out of sight.
 */
export const MAX_STATUS_DETAIL = 60;

/**
 * The detail of the language status item: a message when there is one (a skipped file, a slow
 * lint), otherwise the config, the TypeScript in use and the last lint's time. Where TypeScript
 * comes from is a word (`bundled`, `workspace`, or `typescript6` for the workspace's
 * `@typescript/typescript6` beside a TypeScript 7); its folder is in the output.
 */
export function statusDetail(status: StatusParams, clientState: string): string {
  const parts: string[] = [];
  if (clientState !== 'running') parts.push(`server ${clientState}`);
  if (status.message) {
    parts.push(status.message);
  } else {
    if (status.config) parts.push(status.config);
    if (status.typescript) parts.push(`TypeScript ${status.typescript.version} (${status.typescript.source})`);
    if (status.lastLintMs !== undefined) parts.push(`${status.lastLintMs} ms`);
    // The lint time, in the output too, gives way first to keep where TypeScript comes from whole.
    if (status.lastLintMs !== undefined && parts.join(' · ').length > MAX_STATUS_DETAIL) parts.pop();
  }
  const detail = parts.join(' · ');
  return detail.length > MAX_STATUS_DETAIL ? `${detail.slice(0, MAX_STATUS_DETAIL - 1).trimEnd()}…` : detail;
}
