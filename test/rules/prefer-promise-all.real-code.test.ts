// Cases reduced from real projects of the labeled corpus (eval/corpus.json): every kind of report
// judged wrong there that the rule no longer makes, and the kind it keeps. Each comment names the
// project and file the code comes from. The corpus had no report of this rule judged right: the
// invalid cases are the kept kind (independent remote requests) in the shape of that code.
import rule from '../../eslint-plugin/src/rules/prefer-promise-all';
import { createRuleTester } from '../rule-tester';

/** Test code, declared (oxlint's test copies the cases to folders whose paths say nothing). */
const TEST = { 'async-pitfalls': { codeContext: 'test' } };

const ruleTester = createRuleTester();

ruleTester.run('prefer-promise-all (real code)', rule, {
  valid: [
    // uptime-kuma server/docker.js: three small local certificate files read in a row; file calls
    // queue on the thread pool, running them together saves nothing that matters.
    `const fsAsync = require("fs").promises;
async function getCertOptions(caPath, keyPath, certPath) {
  let ca = await fsAsync.readFile(caPath);
  let key = await fsAsync.readFile(keyPath);
  let cert = await fsAsync.readFile(certPath);
  return { ca, key, cert };
}`,
    // uptime-kuma server/model/status_page.js: a few queries of a status page on SQLite's single
    // connection, where they would run one after another anyway.
    `const { R } = require("redbean-node");
async function getStatusPageData(statusPage) {
  const incidents = await R.find("incident", "pin = 1 AND status_page_id = ?", [statusPage.id]);
  const maintenanceList = await R.find("maintenance", "status_page_id = ?", [statusPage.id]);
  return { incidents, maintenanceList };
}`,
    `const knex = require('knex')(config);
async function load(id) {
  const user = await knex('users').where({ id }).first();
  const orders = await knex('orders').where({ status: 'open' });
  return { user, orders };
}`,
    // uptime-kuma server/notification-providers/Webpush.js: two settings, mostly served from an
    // in-memory cache.
    `const { setting } = require("../util-server");
async function send() {
  const publicVapidKey = await setting("webpushPublicVapidKey");
  const privateVapidKey = await setting("webpushPrivateVapidKey");
  webpush.setVapidDetails("https://github.com/louislam/uptime-kuma", publicVapidKey, privateVapidKey);
}`,
    // webdriverio packages/create-wdio/src/cli/utils.ts: a config wizard's two package.json lookups.
    `import { getProjectProps, getProjectRoot } from './utils.js';
export async function getInstallPackages(answers) {
  const projectProps = await getProjectProps(process.cwd());
  const projectRootDir = await getProjectRoot(answers);
  return { projectProps, projectRootDir };
}`,
    // webdriverio packages/webdriverio/src/node/saveScreenshot.ts: a context that is cached after
    // its first use, then a protocol command on the same browser.
    `export async function takeScreenshotBidi(filepath, options) {
  const contextManager = getContextManager(this);
  const context = await contextManager.getCurrentContext();
  const tree = await this.browsingContextGetTree({});
  return capture(context, tree, filepath, options);
}`,
    // knex lib/dialects/oracledb/utils.js: the LOBs of one result set read over one connection.
    `connection.executeAsync = function (sql) {
  return fetchAsync(sql).then(async (results) => {
    for (const lob of lobs) {
      results.rows[lob.index][lob.key] = await lobProcessing(lob.stream);
    }
    return results;
  });
};`,
    // knex lib/dialects/sqlite3/execution/sqlite-transaction.js: the foreign key check must run
    // after the transaction's work, on the same connection.
    `const wrapped = async (trx) => {
  const res = await container(trx);
  const foreignViolations = await this.client.raw(executeForeignCheck()).connection(conn);
  return { res, foreignViolations };
};`,
    // got test/cache.ts: the second request must find what the first stored in the cache. Tests
    // are not checked by default: steps awaited one by one keep them deterministic.
    {
      settings: TEST,
      code: `import got from 'got';
test('caches the response', async t => {
  const first = await got(url, { cache });
  const second = await got(url, { cache });
  t.is(first.body, second.body);
});`,
    },
    // changesets packages/apply-release-plan/src/index.test.ts: fixture files read before snapshots.
    {
      settings: TEST,
      code: `import fs from 'node:fs/promises';
it('writes changelogs', async () => {
  const readmePath = await fs.readFile(path.join(tempDir, 'packages/pkg-a/CHANGELOG.md'), 'utf8');
  const readmePathB = await fs.readFile(path.join(tempDir, 'packages/pkg-b/CHANGELOG.md'), 'utf8');
  expect(readmePath).toMatchSnapshot();
  expect(readmePathB).toMatchSnapshot();
});`,
    },
    // webdriverio tests/typings/webdriverio/async.ts: a type test that is only compiled.
    {
      settings: TEST,
      code: `async function bar() {
  const elem = await fetch('https://a.example');
  const elems = await fetch('https://b.example');
}`,
    },
  ],
  invalid: [
    // The kind kept: two remote requests of a long-running service that do not use each other.
    {
      code: `const axios = require("axios");
async function check(statusUrl, certificateUrl) {
  const status = await axios.get(statusUrl);
  const certificate = await axios.get(certificateUrl);
  return { status, certificate };
}`,
      errors: [
        {
          messageId: 'sequentialAwaits',
          line: 3,
          suggestions: [
            {
              messageId: 'usePromiseAll',
              output: `const axios = require("axios");
async function check(statusUrl, certificateUrl) {
  const [status, certificate] = await Promise.all([axios.get(statusUrl), axios.get(certificateUrl)]);
  return { status, certificate };
}`,
            },
          ],
        },
      ],
    },
    {
      code: `async function getPage(ids) {
  const pages = [];
  for (const id of ids) {
    pages.push(await fetch(\`https://api.example.com/pages/\${id}\`));
  }
  return pages;
}`,
      errors: [{ messageId: 'awaitInLoop', line: 4, suggestions: [] }],
    },
  ],
});
