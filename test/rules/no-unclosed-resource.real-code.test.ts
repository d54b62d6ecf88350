/**
 * no-unclosed-resource on code reduced from the labeled corpus (eval/verdicts): each valid case is a
 * kind of report a careful owner would not act on, each invalid case a kind they would. A comment
 * names the project and file each case comes from.
 */
import rule from '../../eslint-plugin/src/rules/no-unclosed-resource';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('no-unclosed-resource (real code)', rule, {
  valid: [
    // webdriverio packages/wdio-runner/src/browser.ts: the awaited promise is only ever resolved (by results, errors or the timeout), so nothing can skip clearInterval.
    {
      code: `export class BrowserFramework {
    resolveTestState?: (state: unknown) => void

    async runSpec(timeout: number) {
        const testStatePromise = new Promise<unknown>((resolve) => {
            this.resolveTestState = resolve
        })
        const testTimeout = setTimeout(() => this.onTestTimeout(), timeout)
        const errorInterval = setInterval(this.checkForTestError.bind(this), 100)

        const state = await testStatePromise
        clearTimeout(testTimeout)
        clearInterval(errorInterval)
        return state
    }
}
`,
      filename: 'packages/wdio-runner/src/browser.ts',
    },
    // uptime-kuma server/monitor-types/real-browser-monitor-type.js: Playwright's browser.version() is a synchronous getter that does not throw; the browser is always closed.
    {
      code: `const { chromium } = require("playwright-core");

async function testChrome(executablePath) {
    try {
        const browser = await chromium.launch({
            executablePath,
        });
        const version = browser.version();
        await browser.close();
        return version;
    } catch (e) {
        throw new Error(e.message);
    }
}

module.exports = { testChrome };
`,
      filename: 'server/monitor-types/real-browser-monitor-type.js',
    },
    // changesets packages/cli/src/commands/publish/__tests__/e2e.test.ts, fastify scripts/validate-ecosystem-links.js: the response of a HEAD request has no body to read.
    {
      code: `export async function exists(url: string) {
  const response = await fetch(url, { method: 'HEAD' });
  return response.ok;
}
`,
    },
    // uptime-kuma server/monitor-types/mysql.js: the query callback ends (or destroys) the connection on every outcome.
    {
      code: `const mysql = require("mysql2");

class MysqlMonitorType {
    mysqlQuery(connectionString, query, password = undefined) {
        return new Promise((resolve, reject) => {
            const connection = mysql.createConnection({
                uri: connectionString,
                password,
            });

            connection.on("error", (err) => {
                reject(err);
            });

            connection.query(query, (err, res) => {
                try {
                    connection.end();
                } catch (_) {
                    connection.destroy();
                }
                if (err) {
                    reject(err);
                    return;
                }
                resolve("Rows: " + res.length);
            });
        });
    }
}

module.exports = { MysqlMonitorType };
`,
      filename: 'server/monitor-types/mysql.js',
    },
    // pm2 examples/test-all-keymetrics-features/scoped-actions.js: the interval of an action that throws on purpose (released in a later callback elsewhere).
    {
      code: `io.scopedAction('throwing error', function(data, emitter) {
  var i = setInterval(function() {
    emitter.send('output-stream');
  }, 100);

  setTimeout(function() {
    throw new Error('errr');
  }, 1000);
});
`,
      filename: 'examples/test-all-keymetrics-features/scoped-actions.js',
    },
    // fastify test/404s.test.js: a test reads only the status of its own local server's reply; the server is closed after the test.
    {
      code: `const { test } = require('node:test')
test('unsupported method', async (t) => {
  const result = await fetch(getServerUrl(fastify), {
    method: 'PUT'
  })
  t.assert.strictEqual(result.status, 404)
})
`,
      filename: 'test/404s.test.js',
    },
    // fastify test/hooks.test.js: a raw client socket to the test's server, destroyed later by the test.
    {
      code: `const { connect } = require('node:net')
const { test } = require('node:test')
test('hook', (t, done) => {
  fastify.listen({ port: 0 }, err => {
    const socket = connect(fastify.server.address().port)
    socket.write('GET / HTTP/1.1\\r\\nHost: fastify.test\\r\\n\\r\\n')
    sleep(500).then(() => socket.destroy())
  })
})
`,
      filename: 'test/hooks.test.js',
    },
    // agenda packages/postgres-backend/test/postgres-backend.test.ts: an afterEach pool ended after its DELETE; it leaks only when the clean-up already failed the test.
    {
      code: `import { Pool } from 'pg'
afterEach(async () => {
	const cleanPool = new Pool({ connectionString: getConnectionString() })
	await cleanPool.query('DELETE FROM jobs')
	await cleanPool.end()
})
`,
      filename: 'packages/postgres-backend/test/postgres-backend.test.ts',
    },
    // changesets packages/cli/src/commands/__tests__/e2e-utils.ts: a temporary server for a free port in test helpers.
    {
      code: `import net from 'node:net'
export async function getFreePort() {
  const server = net.createServer()
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return address
}
`,
      filename: 'packages/cli/src/commands/__tests__/e2e-utils.ts',
    },
    // fastify scripts/validate-ecosystem-links.js: a link checker script (and a HEAD request besides).
    {
      code: `async function checkGitHubRepo(owner, repo) {
  const response = await fetch(\`https://api.github.com/repos/\${owner}/\${repo}\`, { method: 'GET' })
  return response.status
}
module.exports = { checkGitHubRepo }
`,
      filename: 'scripts/validate-ecosystem-links.js',
    },
  ],
  invalid: [
    // agenda packages/agenda-rest/src/server.ts: a job of the long-running REST worker reads only the
    // status of a webhook's response; undici holds the connection until the body is garbage-collected.
    {
      code: `export function defineWebhook(agenda: Agenda, name: string, def: { url: string; method?: string }) {
	agenda.define(name, async () => {
		const response = await fetch(def.url, {
			method: def.method || 'POST',
			headers: { 'Content-Type': 'application/json' },
		});
		console.log(\`Job \${name}: \${response.ok ? 'success' : 'failed'} (\${response.status})\`);
	});
}
`,
      filename: 'packages/agenda-rest/src/server.ts',
      errors: [{ messageId: 'unreadBody', line: 3, data: { name: 'response' } }],
    },
    // uptime-kuma server/embedded-mariadb.js: the connection that creates the database is never
    // ended; one socket leaks each time the embedded MariaDB (re)starts in the server process.
    {
      code: `const mysql = require("mysql2");

class EmbeddedMariaDB {
    async initDBAfterStarted() {
        const connection = mysql.createConnection({
            socketPath: this.socketPath,
            user: this.username,
        });

        let result = await connection.execute("CREATE DATABASE IF NOT EXISTS \`kuma\`");
        log.debug("mariadb", "CREATE DATABASE: " + JSON.stringify(result));
        this.started = true;
    }
}

module.exports = { EmbeddedMariaDB };
`,
      filename: 'server/embedded-mariadb.js',
      errors: [
        {
          messageId: 'unreleased',
          line: 5,
          suggestions: [{ messageId: 'wrapInTryFinally', output: `const mysql = require("mysql2");

class EmbeddedMariaDB {
    async initDBAfterStarted() {
        const connection = mysql.createConnection({
            socketPath: this.socketPath,
            user: this.username,
        });

        try {
            let result = await connection.execute("CREATE DATABASE IF NOT EXISTS \`kuma\`");
            log.debug("mariadb", "CREATE DATABASE: " + JSON.stringify(result));
        } finally {
            connection.end();
        }
        this.started = true;
    }
}

module.exports = { EmbeddedMariaDB };
` }],
        },
      ],
    },
    // uptime-kuma server/monitor-types/mongodb.js: a client per check, closed only when the command
    // succeeds; a failing command leaks a whole client (pool, timers) every interval.
    {
      code: `const { MongoClient } = require("mongodb");

class MongodbMonitorType {
    async runMongodbCommand(connectionString, command) {
        let client = await MongoClient.connect(connectionString);
        let result = await client.db().command(command);
        await client.close();
        return result;
    }
}

module.exports = { MongodbMonitorType };
`,
      filename: 'server/monitor-types/mongodb.js',
      errors: [
        {
          messageId: 'releasedOnlyOnSuccess',
          line: 5,
          suggestions: [{ messageId: 'wrapInTryFinally', output: `const { MongoClient } = require("mongodb");

class MongodbMonitorType {
    async runMongodbCommand(connectionString, command) {
        let client = await MongoClient.connect(connectionString);
        try {
            let result = await client.db().command(command);
            return result;
        } finally {
            await client.close();
        }
    }
}

module.exports = { MongodbMonitorType };
` }],
        },
      ],
    },
    // Beside real-browser-monitor-type.js: a page opened and visited before close() can throw, so the
    // browser stays open on that path.
    {
      code: `const { chromium } = require("playwright-core");

async function title(url) {
    const browser = await chromium.launch();
    const page = await browser.newPage();
    await page.goto(url);
    const text = await page.title();
    await browser.close();
    return text;
}

module.exports = { title };
`,
      errors: [
        {
          messageId: 'releasedOnlyOnSuccess',
          line: 4,
          suggestions: [{ messageId: 'wrapInTryFinally', output: `const { chromium } = require("playwright-core");

async function title(url) {
    const browser = await chromium.launch();
    try {
        const page = await browser.newPage();
        await page.goto(url);
        const text = await page.title();
        return text;
    } finally {
        await browser.close();
    }
}

module.exports = { title };
` }],
        },
      ],
    },
  ],
});
