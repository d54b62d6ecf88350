// The language status item's detail fits beside its "Show Output" link.
import * as assert from 'node:assert/strict';

import { MAX_STATUS_DETAIL, statusDetail } from '../../extension/src/client/status-text';

describe('language status detail', () => {
  it('shows the config, the TypeScript version and where it comes from, and the last lint time', () => {
    assert.equal(
      statusDetail({ state: 'ready', config: 'recommended', typescript: { version: '6.0.3', source: 'bundled' }, lastLintMs: 95 }, 'running'),
      'recommended · TypeScript 6.0.3 (bundled) · 95 ms',
    );
    assert.equal(
      statusDetail({ state: 'ready', config: 'strict (type-aware)', typescript: { version: '5.9.3', source: 'workspace' }, lastLintMs: 1234 }, 'running'),
      'strict (type-aware) · TypeScript 5.9.3 (workspace) · 1234 ms',
    );
    // TypeScript 6 from @typescript/typescript6, beside the workspace's TypeScript 7.
    assert.equal(
      statusDetail({ state: 'ready', config: 'strict', typescript: { version: '6.0.3', source: 'typescript6' }, lastLintMs: 95 }, 'running'),
      'strict · TypeScript 6.0.3 (typescript6) · 95 ms',
    );
  });

  it('drops the lint time, not where TypeScript comes from, when the detail would not fit', () => {
    assert.equal(
      statusDetail({ state: 'ready', config: 'recommended (type-aware)', typescript: { version: '5.9.3', source: 'workspace' }, lastLintMs: 1234 }, 'running'),
      'recommended (type-aware) · TypeScript 5.9.3 (workspace)',
    );
  });

  it('says when the server is not running, and shows a message in place of the figures', () => {
    assert.equal(statusDetail({ state: 'starting' }, 'starting'), 'server starting');
    assert.equal(
      statusDetail({ state: 'ready', config: 'recommended', message: 'Skipped: larger than asyncPitfalls.maxFileSize' }, 'running'),
      'Skipped: larger than asyncPitfalls.maxFileSize',
    );
  });

  it(`never runs longer than ${MAX_STATUS_DETAIL} characters`, () => {
    const detail = statusDetail(
      { state: 'error', config: 'all (type-aware)', typescript: { version: '5.9.3-insiders.20250101', source: 'workspace' }, lastLintMs: 123456, message: `Linting failed: ${'x'.repeat(200)}` },
      'stopped',
    );
    assert.ok(detail.length <= MAX_STATUS_DETAIL, detail);
    assert.ok(detail.startsWith('server stopped · Linting failed: x') && detail.endsWith('…'), detail);
  });
});
