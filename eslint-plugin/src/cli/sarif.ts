import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ESLint, Rule } from 'eslint';
import type * as Sarif from 'sarif';

import { REPOSITORY_URL } from '../util/createRule';

export interface SarifOptions {
  /** Artifact URIs are relative to this folder (`%SRCROOT%`), as code scanning expects. */
  cwd: string;
  toolVersion: string;
}

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';

function artifactLocation(filePath: string, cwd: string): Sarif.ArtifactLocation {
  const relative = path.relative(cwd, filePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(filePath).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

function region(message: { line?: number; column?: number; endLine?: number; endColumn?: number }): Sarif.Region | undefined {
  if (!message.line) return undefined;
  return {
    startLine: message.line,
    ...(message.column ? { startColumn: message.column } : {}),
    ...(message.endLine ? { endLine: message.endLine } : {}),
    ...(message.endColumn ? { endColumn: message.endColumn } : {}),
  };
}

/**
 * Written here rather than taken from the registry: @microsoft/eslint-formatter-sarif (3.1.0)
 * depends on ESLint 8 itself, which would install a second, end-of-life ESLint next to the
 * user's 9 or 10, and node-sarif-builder needs Node 22. The log's shape is typed by @types/sarif.
 *
 * The results as a SARIF 2.1.0 log, the format code scanning (GitHub, Azure DevOps, …) reads:
 * one run, each rule that reported described with its documentation page as `helpUri`, each
 * problem a result at its region, and each file that could not be parsed a notification of the
 * run (it has no rule).
 */
export function formatSarif(
  results: readonly ESLint.LintResult[],
  rulesMeta: Record<string, Rule.RuleMetaData | undefined>,
  options: SarifOptions,
): string {
  const rules: Sarif.ReportingDescriptor[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (ruleId: string): number => {
    let index = ruleIndex.get(ruleId);
    if (index === undefined) {
      const meta = rulesMeta[ruleId];
      const docs = meta?.docs;
      index = rules.length;
      ruleIndex.set(ruleId, index);
      rules.push({
        id: ruleId,
        ...(docs?.description ? { shortDescription: { text: docs.description } } : {}),
        ...(docs?.url ? { helpUri: docs.url, help: { text: `${docs.description ?? ruleId}: ${docs.url}` } } : {}),
        ...(meta?.type ? { properties: { tags: [meta.type] } } : {}),
      });
    }
    return index;
  };

  const sarifResults: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  const artifacts: Sarif.Artifact[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    const location = artifactLocation(result.filePath, options.cwd);
    const artifactIndex = artifacts.push({ location }) - 1;
    for (const message of result.messages) {
      const physicalLocation: Sarif.PhysicalLocation = {
        artifactLocation: { ...location, index: artifactIndex },
        ...(region(message) ? { region: region(message) } : {}),
      };
      const level: Sarif.Result.level = message.severity === 2 ? 'error' : 'warning';
      if (message.ruleId === null) {
        notifications.push({ level, message: { text: message.message }, locations: [{ physicalLocation }] });
        continue;
      }
      sarifResults.push({
        ruleId: message.ruleId,
        ruleIndex: indexOf(message.ruleId),
        level,
        message: { text: message.message },
        locations: [{ physicalLocation }],
      });
    }
  }

  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'async-pitfalls', version: options.toolVersion, informationUri: REPOSITORY_URL, rules } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(`${options.cwd}${path.sep}`).href } },
        artifacts,
        results: sarifResults,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
