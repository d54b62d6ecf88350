/**
 * no-unbounded-concurrency on code reduced from the labeled corpus (eval/verdicts): each valid case is
 * a kind of report a careful owner would not act on. The corpus holds no report of this rule that
 * its owner would act on, so there is no invalid case from real code here (see
 * no-unbounded-concurrency.test.ts for the pitfall itself). A comment names the project and file
 * each case comes from.
 */
import rule from '../../eslint-plugin/src/rules/no-unbounded-concurrency';
import { createRuleTester } from '../rule-tester';

const ruleTester = createRuleTester();

ruleTester.run('no-unbounded-concurrency (real code)', rule, {
  valid: [
    // changesets packages/apply-release-plan/src/index.ts: local file operations on the pending
    // changesets; libuv's thread pool queues them whatever the caller starts.
    {
      code: `import fs from "node:fs/promises";
import path from "node:path";

export async function removeChangesets(cwd: string, changesets: { id: string }[]) {
  await Promise.all(
    changesets.map(async (changeset) => {
      const changesetPath = path.resolve(cwd, ".changeset", \`\${changeset.id}.md\`);
      await fs.rm(changesetPath);
    }),
  );
}
`,
      filename: 'packages/apply-release-plan/src/index.ts',
    },
    // webdriverio packages/wdio-json-reporter/src/mergeResults.ts: the result files of one run, read
    // from the local disk.
    {
      code: `import fs from 'node:fs/promises'

export async function collectFiles(dir: string, fileNames: string[]) {
    const data: unknown[] = []
    await Promise.all(fileNames.map(async (fileName) => {
        data.push(JSON.parse((await fs.readFile(\`\${dir}/\${fileName}\`)).toString()))
    }))
    return data
}
`,
      filename: 'packages/wdio-json-reporter/src/mergeResults.ts',
    },
    // webdriverio packages/create-wdio/src/cli/utils.ts: a module constant of six extensions.
    {
      code: `const SUPPORTED_CONFIG_FILE_EXTENSION = ['js', 'ts', 'mjs', 'mts', 'cjs', 'cts']

export async function findConfig(configPathNoExtension: string) {
    const found = await Promise.all(SUPPORTED_CONFIG_FILE_EXTENSION.map(async (supportedExtension) => {
        const response = await fetch(\`\${configPathNoExtension}.\${supportedExtension}\`)
        return response.ok
    }))
    return found.find(Boolean)
}
`,
      filename: 'packages/create-wdio/src/cli/utils.ts',
    },
    // webdriverio scripts/updateDocs.ts: a deploy script uploads in batches of ten.
    {
      code: `for (const filesBatch of splitInSeries(files, 10)) {
    await Promise.all(filesBatch.map(async (file) => {
        await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: file }))
    }))
}
`,
      filename: 'scripts/updateDocs.ts',
    },
    // webdriverio scripts/docs-generation/eventDocs.ts: one request per community event in a docs script.
    {
      code: `export async function generateEventDocs(events: { url: string }[]) {
    await Promise.all(events.map(async (event) => {
        const response = await fetch(event.url)
        return response.text()
    }))
}
`,
      filename: 'scripts/docs-generation/eventDocs.ts',
    },
  ],
  invalid: [],
});
