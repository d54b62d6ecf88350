/**
 * require-timeout on code reduced from the labeled corpus (eval/verdicts): each valid case is a kind
 * of report a careful owner would not act on, each invalid case a kind they would. A comment names
 * the project and file each case comes from.
 */
import rule from '../../eslint-plugin/src/rules/require-timeout';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

/**
 * Moleculer src/tracing/exporters/zipkin.js, reduced: a tracer's periodic upload; `start` is how
 * the request begins (`` or `return `), `handlers` what its chain does with the outcome.
 */
const SPAN_UPLOAD = (start: string, handlers: string, options = "{ method: 'post', body: data }") => `export class Exporter {
    queue: string[] = [];
    flush() {
        if (this.queue.length === 0) return;
        const data = JSON.stringify(this.queue);
        this.queue.length = 0;
        ${start}fetch('https://collector.example.com/api/v2/spans', ${options})${handlers};
    }
}
`;
const HANDLED = "\n            .then(res => console.info(res.statusText))\n            .catch(err => console.warn(err.message))";
const SIGNAL_OPTIONS = "{ method: 'post', body: data, signal: AbortSignal.timeout(10000) }";

ruleTester.run('require-timeout (real code)', rule, {
  valid: [
    // A fetch started and left, its failure caught in its own chain: nothing waits on it, and
    // undici's own header and body timeouts end a stalled one.
    SPAN_UPLOAD('', HANDLED),
    // etherpad-lite ui/src/main.ts: a login page posts its form; the page reads window, so it runs in
    // a browser tab, where a hung request holds nothing shared and its user can reload.
    {
      code: `const form = document.querySelector('form')!;
form.addEventListener('submit', (event) => {
    event.preventDefault();
    const sessionId = new URLSearchParams(window.location.search).get('state');
    fetch('/interaction/' + sessionId, { method: 'POST', body: new FormData(form) }).then(response => {
        if (response.redirected) window.location.href = response.url;
    });
});
`,
      filename: 'ui/src/main.ts',
    },
    // The same with the browser's globals declared by the config (globals.browser): still the page's.
    {
      code: `export async function login(data: FormData) {
    const response = await fetch('/admin-auth/', { method: 'POST', body: data });
    if (response.ok) document.title = 'Admin';
}
`,
      languageOptions: { globals: { document: 'readonly', window: 'readonly' } },
    },
    // webdriverio packages/wdio-shared-store-service/src/client.ts: requests to the store server the launcher runs on 127.0.0.1; the base URL is a promise only ever resolved with a loopback address.
    {
      code: `let baseUrlResolve: (value: string) => void
const baseUrlPromise = new Promise<string>((resolve) => {
    baseUrlResolve = resolve
})

export const setPort = (port: number) => {
    baseUrlResolve(\`http://127.0.0.1:\${port}\`)
}

export const getValue = async (key: string) => {
    const baseUrl = await baseUrlPromise
    const res = await fetch(\`\${baseUrl}/\${key}\`, { method: 'get' })
    return res.json()
}

export const setValue = async (key: string, value: unknown) => {
    const setPromise = baseUrlPromise.then((baseUrl) => {
        return fetch(\`\${baseUrl}/\`, { method: 'post', body: JSON.stringify({ key, value }) })
    })
    return (await setPromise).status
}
`,
      filename: 'packages/wdio-shared-store-service/src/client.ts',
    },
    // uptime-kuma extra/push-examples/javascript-fetch/index.js: each interval tick pushes afresh; a stalled push delays no other tick.
    {
      code: `const pushURL = "https://example.com/api/push/key?status=up&msg=OK&ping=";
const interval = 60;

const push = async () => {
    await fetch(pushURL);
    console.log("Pushed!");
};

push();
setInterval(push, interval * 1000);
`,
      filename: 'extra/push-examples/javascript-fetch/index.js',
    },
    // uptime-kuma server/check-version.js: the update check run by setInterval (and once at start), with no state set before the request.
    {
      code: `const axios = require("axios");

let interval;

exports.startInterval = () => {
    let check = async () => {
        if ((await setting("checkUpdate")) === false) {
            return;
        }
        try {
            const res = await axios.get("https://uptime.kuma.pet/version");
            exports.latestVersion = res.data.slow;
        } catch (_) {
            log.info("update-checker", "Failed to check for new versions");
        }
    };

    check();
    interval = setInterval(check, 1000 * 60 * 60 * 48);
};
`,
      filename: 'server/check-version.js',
    },
    // got documentation/examples/runkit-example.js: a script's top-level request (the module imports, exports nothing, starts nothing).
    {
      code: `import got from 'got';

const issUrl = 'http://api.open-notify.org/iss-now.json';

const {iss_position: issPosition} = await got(issUrl).json();

console.log(issPosition);
`,
      filename: 'documentation/examples/runkit-example.js',
    },
    // uptime-kuma extra/download-apprise.mjs: a build helper script fetching one listing page at top level.
    {
      code: `import semver from "semver";

const baseURL = "http://ftp.debian.org/debian/pool/main/a/apprise/";
const response = await fetch(baseURL);

if (!response.ok) {
    throw new Error("Failed to fetch page of Apprise Debian repository.");
}
console.log(semver.valid("1.0.0"), await response.text());
`,
      filename: 'extra/download-apprise.mjs',
    },
    // webdriverio scripts/docs-generation/downloadDocsTranslations.ts: a docs build script downloads a zipball.
    {
      code: `export async function downloadTranslations(url: string, token: string) {
    const response = await fetch(url, {
        headers: { Authorization: \`token \${token}\` },
    })
    return response.arrayBuffer()
}
`,
      filename: 'scripts/docs-generation/downloadDocsTranslations.ts',
    },
    // webdriverio website/src/components/Events.tsx: the documentation site's browser code.
    {
      code: `export function loadEvents(setEvent: (event: unknown) => void) {
    fetch(EVENTS_URL).then(async (res) => {
        setEvent(await res.json())
    }).catch((err) => {
        console.log(err)
    })
}
`,
      filename: 'website/src/components/Events.tsx',
    },
    // ioredis docs/assets/main.js: a generated bundle nobody edits.
    {
      code: `// @generated by typedoc
export function search(url) { return fetch(url).then(r => r.json()); }
`,
      filename: 'docs/assets/main.js',
    },
    // uptime-kuma test/e2e/util-test.js: an e2e helper asks the local dev server for a snapshot; the test's timeout bounds it.
    {
      code: `export async function takeSqliteSnapshot(page = null) {
    if (page) {
        return page.goto("./_e2e/take-sqlite-snapshot");
    }
    return fetch(\`\${serverUrl}/_e2e/take-sqlite-snapshot\`);
}
`,
      filename: 'test/e2e/util-test.js',
    },
    // fastify test/hooks.test.js: the test wants the request to fail by the server's own connection timeout.
    {
      code: `const { test } = require('node:test')
test('connectionTimeout', async t => {
  await t.assert.rejects(() => fetch(fastifyServer + '/timeout'))
})
`,
      filename: 'test/hooks.test.js',
    },
    // webdriverio e2e/browser-runner/mock.test.ts: a request answered by the browser's mock, in a test.
    {
      code: `describe('mocks', () => {
    it('responds', async () => {
        const jsonAPI = await fetch('https://api.webdriver.io/api/foo')
        expect(await jsonAPI.json()).toEqual({ foo: 'bar' })
    })
})
`,
      filename: 'e2e/browser-runner/mock.test.ts',
    },
    // pm2 modules/pm2-io-bpm/test/fixtures/metrics/tracingChild.js: fixture traffic to its own local server.
    {
      code: `const http = require('http')
app.get('/', function (req, res) {
  const httpReq = http.get('http://localhost:' + server.address().port + '/toto')
  httpReq.on('response', () => res.send('home'))
})
`,
      filename: 'modules/pm2-io-bpm/test/fixtures/metrics/tracingChild.js',
    },
  ],
  invalid: [
    // The same upload returned to the caller, who may wait on it (a logger's flush awaited on
    // shutdown), or left without a handler for its failure.
    ...[
      ['return ', HANDLED],
      ['', '.then(res => console.info(res.statusText))'],
    ].map(([start, handlers]) => ({
      code: SPAN_UPLOAD(start!, handlers!),
      errors: [{ messageId: 'missingTimeout' as const, suggestions: [{ messageId: 'addTimeout' as const, output: SPAN_UPLOAD(start!, handlers!, SIGNAL_OPTIONS) }] }],
    })),
    // The same upload left with axios, which has no time limit of its own: its socket can be held for ever.
    {
      code: `import axios from 'axios';
export function flush(data: string): void {
    axios.get('https://collector.example.com/api/v2/spans?d=' + data).then(res => console.info(res.status)).catch(err => console.warn(err.message));
}
`,
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [{ messageId: 'addTimeout', output: `import axios from 'axios';
export function flush(data: string): void {
    axios.get('https://collector.example.com/api/v2/spans?d=' + data, { timeout: 10000 }).then(res => console.info(res.status)).catch(err => console.warn(err.message));
}
` }],
        },
      ],
    },
    // Code written for Node and browsers tests for the page (typeof window): that test does not
    // make it browser code, and on Node its request can hang a server.
    {
      code: `export async function load(url: string) {
    const isBrowser = typeof window !== 'undefined';
    return fetch(url, { cache: isBrowser ? 'default' : 'no-store' });
}
`,
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [{ messageId: 'addTimeout', output: `export async function load(url: string) {
    const isBrowser = typeof window !== 'undefined';
    return fetch(url, { cache: isBrowser ? 'default' : 'no-store', signal: AbortSignal.timeout(10000) });
}
` }],
        },
      ],
    },
    // Node code that drives a browser reads the page's document in a function the page runs: the
    // file itself runs in Node, where its own request can hang a server.
    {
      code: `export async function snapshot(page: Page, url: string) {
    const title = await page.evaluate(() => document.title);
    const links = await page.$$eval('a', (anchors) => anchors.map((a) => a.href + window.location.hash));
    const response = await fetch(url);
    return { title, links, body: await response.text() };
}
`,
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [{ messageId: 'addTimeout', output: `export async function snapshot(page: Page, url: string) {
    const title = await page.evaluate(() => document.title);
    const links = await page.$$eval('a', (anchors) => anchors.map((a) => a.href + window.location.hash));
    const response = await fetch(url, { signal: AbortSignal.timeout(10000) });
    return { title, links, body: await response.text() };
}
` }],
        },
      ],
    },
    // A document of the file's own is not the page's.
    {
      code: `const document = { title: '' };
export async function load(url: string) {
    const response = await fetch(url);
    document.title = await response.text();
}
`,
      errors: [
        {
          messageId: 'missingTimeout',
          suggestions: [{ messageId: 'addTimeout', output: `const document = { title: '' };
export async function load(url: string) {
    const response = await fetch(url, { signal: AbortSignal.timeout(10000) });
    document.title = await response.text();
}
` }],
        },
      ],
    },
    // Beside the store client: a promise that may also be resolved with a remote address is not a loopback URL.
    {
      code: `let baseUrlResolve: (value: string) => void
const baseUrlPromise = new Promise<string>((resolve) => {
    baseUrlResolve = resolve
})

export const setHost = (host: string) => {
    baseUrlResolve(\`http://127.0.0.1:3000\`)
    baseUrlResolve(\`https://\${host}\`)
}

export const getValue = async (key: string) => {
    const baseUrl = await baseUrlPromise
    const res = await fetch(\`\${baseUrl}/\${key}\`, { method: 'get' })
    return res.json()
}
`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 13,
          suggestions: [{ messageId: 'addTimeout', output: `let baseUrlResolve: (value: string) => void
const baseUrlPromise = new Promise<string>((resolve) => {
    baseUrlResolve = resolve
})

export const setHost = (host: string) => {
    baseUrlResolve(\`http://127.0.0.1:3000\`)
    baseUrlResolve(\`https://\${host}\`)
}

export const getValue = async (key: string) => {
    const baseUrl = await baseUrlPromise
    const res = await fetch(\`\${baseUrl}/\${key}\`, { method: 'get', signal: AbortSignal.timeout(10000) })
    return res.json()
}
` }],
        },
      ],
    },
    // webdriverio packages/wdio-sumologic-reporter: an interval tick that sets a flag before its request; a stalled request leaves it set and every later tick is skipped.
    {
      code: `let running = false;

export function startSync(url: string) {
    setInterval(async () => {
        if (running) {
            return;
        }
        running = true;
        await fetch(url, { method: 'POST' });
        running = false;
    }, 100);
}
`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 9,
          suggestions: [{ messageId: 'addTimeout', output: `let running = false;

export function startSync(url: string) {
    setInterval(async () => {
        if (running) {
            return;
        }
        running = true;
        await fetch(url, { method: 'POST', signal: AbortSignal.timeout(10000) });
        running = false;
    }, 100);
}
` }],
        },
      ],
    },
    // uptime-kuma server/model/domain_expiry.js: the RDAP list is awaited inside a monitor's check; a stalled response keeps the running flag set and delays that monitor's beats.
    {
      code: `let running = false;

async function getRdapDnsData() {
    if (running) {
        return null;
    }
    try {
        running = true;
        const response = await fetch("https://data.iana.org/rdap/dns.json");
        return await response.json();
    } finally {
        running = false;
    }
}

module.exports = { getRdapDnsData };
`,
      filename: 'server/model/domain_expiry.js',
      errors: [
        {
          messageId: 'missingTimeout',
          line: 9,
          suggestions: [{ messageId: 'addTimeout', output: `let running = false;

async function getRdapDnsData() {
    if (running) {
        return null;
    }
    try {
        running = true;
        const response = await fetch("https://data.iana.org/rdap/dns.json", { signal: AbortSignal.timeout(10000) });
        return await response.json();
    } finally {
        running = false;
    }
}

module.exports = { getRdapDnsData };
` }],
        },
      ],
    },
    // uptime-kuma server/notification-providers/bale.js: a notification awaited inside the monitor's heartbeat; a stalled API freezes that monitor's checks.
    {
      code: `const axios = require("axios");

class Bale extends NotificationProvider {
    async send(notification, msg) {
        const url = "https://tapi.bale.ai";
        await axios.post(
            \`\${url}/bot\${notification.baleBotToken}/sendMessage\`,
            {
                chat_id: notification.baleChatID,
                text: msg,
            },
            {
                headers: {
                    "content-type": "application/json",
                },
            }
        );
        return "Sent Successfully.";
    }
}

module.exports = Bale;
`,
      filename: 'server/notification-providers/bale.js',
      errors: [
        {
          messageId: 'missingTimeout',
          line: 6,
          suggestions: [{ messageId: 'addTimeout', output: `const axios = require("axios");

class Bale extends NotificationProvider {
    async send(notification, msg) {
        const url = "https://tapi.bale.ai";
        await axios.post(
            \`\${url}/bot\${notification.baleBotToken}/sendMessage\`,
            {
                chat_id: notification.baleChatID,
                text: msg,
            },
            {
                headers: {
                    "content-type": "application/json",
                }, timeout: 10000,
            }
        );
        return "Sent Successfully.";
    }
}

module.exports = Bale;
` }],
        },
      ],
    },
    // agenda packages/agenda-rest/src/server.ts: a job handler calls a user-configured webhook; a slow endpoint pins a worker slot and can outlive the job's lock.
    {
      code: `export function defineWebhook(agenda: Agenda, name: string, def: { url: string; method?: string }) {
	agenda.define(name, async (job: Job) => {
		const response = await fetch(def.url, {
			method: def.method || 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(job.attrs.data),
		});
		return response.json();
	});
}
`,
      filename: 'packages/agenda-rest/src/server.ts',
      errors: [
        {
          messageId: 'missingTimeout',
          line: 3,
          suggestions: [{ messageId: 'addTimeout', output: `export function defineWebhook(agenda: Agenda, name: string, def: { url: string; method?: string }) {
	agenda.define(name, async (job: Job) => {
		const response = await fetch(def.url, {
			method: def.method || 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(job.attrs.data), signal: AbortSignal.timeout(10000),
		});
		return response.json();
	});
}
` }],
        },
      ],
    },
    // A module that starts a server is no script: its top-level request runs before serving.
    {
      code: `import got from 'got';
import http from 'node:http';

const config = await got('https://config.example.com/app.json').json();

http.createServer((req, res) => res.end(JSON.stringify(config))).listen(3000);
`,
      errors: [
        {
          messageId: 'missingTimeout',
          line: 4,
          suggestions: [{ messageId: 'addTimeout', output: `import got from 'got';
import http from 'node:http';

const config = await got('https://config.example.com/app.json', { timeout: { request: 10000 } }).json();

http.createServer((req, res) => res.end(JSON.stringify(config))).listen(3000);
` }],
        },
      ],
    },
  ],
});
