// `npm run package` builds the .vsix users install: only the allow-listed files, at most 10 MB, and
// the server inside it runs on its own (no node_modules around it).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

import { rules } from '../eslint-plugin/src/rules';
import { NOT_FIXABLE } from './server/helpers';
import { fileUri, TestClient } from './server/lsp-client';

const ROOT = path.resolve(__dirname, '..');
const VSIX = path.join(ROOT, 'async-pitfalls.vsix');
const MAX_VSIX_BYTES = 10 * 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/** The entries of a zip file, read from its central directory. */
function zipEntries(zip: Buffer): ZipEntry[] {
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(endOfDirectory >= 0, 'not a zip file');
  const count = zip.readUInt16LE(endOfDirectory + 10);
  let offset = zip.readUInt32LE(endOfDirectory + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'central directory entry');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function extract(zip: Buffer, entry: ZipEntry): Buffer {
  const header = entry.localHeaderOffset;
  const start = header + 30 + zip.readUInt16LE(header + 26) + zip.readUInt16LE(header + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  return entry.method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
}

/** Every file the .vsix may hold (besides vsce's own manifest files), as patterns. */
const ALLOWED = [
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/LICENSE(\.txt)?$/,
  /^extension\/extension\/README\.md$/,
  /^extension\/extension\/dist\/(client|language-client|server)\.js$/,
  /^extension\/extension\/dist\/typescript\/(package\.json|LICENSE\.txt)$/,
  /^extension\/extension\/dist\/typescript\/lib\/(typescript|tsserverlibrary)\.js$/,
  /^extension\/extension\/dist\/typescript\/lib\/lib(\.[\w.-]+)?\.d\.ts$/,
  /^extension\/snippets\/(javascript|typescript)\.json$/,
  /^extension\/docs\/rules\/[a-z0-9-]+\.md$/,
];
const VSCE_FILES = ['[Content_Types].xml', 'extension.vsixmanifest'];

describe('extension package (.vsix)', function () {
  this.timeout(600_000);
  let entries: ZipEntry[] = [];
  let zip: Buffer = Buffer.alloc(0);
  let unpacked = '';
  let client: TestClient | undefined;

  before(() => {
    fs.rmSync(VSIX, { force: true });
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'pipe' });
    zip = fs.readFileSync(VSIX);
    entries = zipEntries(zip);
    unpacked = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-vsix-')));
    for (const entry of entries) {
      const target = path.join(unpacked, entry.name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, extract(zip, entry));
    }
    fs.mkdirSync(path.join(unpacked, 'workspace'));
  });

  after(async () => {
    await client?.stop();
  });

  after(() => {
    if (unpacked) fs.rmSync(unpacked, { recursive: true, force: true });
  });

  it(`is at most ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
    assert.ok(zip.length <= MAX_VSIX_BYTES, `${(zip.length / 1024 / 1024).toFixed(2)} MB`);
  });

  it('holds only allow-listed files', () => {
    const unexpected = entries.map(entry => entry.name).filter(name => !VSCE_FILES.includes(name) && !ALLOWED.some(pattern => pattern.test(name)));
    assert.deepEqual(unexpected, []);
  });

  it('holds the client, the server, the bundled TypeScript, the snippets, every rule page and the manifest', () => {
    const names = new Set(entries.map(entry => entry.name));
    for (const required of [
      'extension/package.json',
      'extension/extension/dist/client.js',
      'extension/extension/dist/language-client.js',
      'extension/extension/dist/server.js',
      'extension/extension/dist/typescript/package.json',
      'extension/extension/dist/typescript/lib/typescript.js',
      'extension/extension/dist/typescript/lib/lib.es2022.d.ts',
      'extension/snippets/javascript.json',
      'extension/snippets/typescript.json',
      ...Object.keys(rules).map(rule => `extension/docs/rules/${rule}.md`),
    ]) {
      assert.ok(names.has(required), required);
    }
  });

  it("has a manifest whose entry point, snippets and commands exist in the package", () => {
    const manifestEntry = entries.find(entry => entry.name === 'extension/package.json');
    assert.ok(manifestEntry);
    const manifest = JSON.parse(extract(zip, manifestEntry).toString('utf8')) as {
      main: string;
      engines: { vscode: string };
      contributes: { snippets: { path: string }[]; commands: { command: string }[] };
      capabilities: { untrustedWorkspaces: { supported: unknown } };
    };
    const names = new Set(entries.map(entry => entry.name));
    assert.ok(names.has(`extension/${path.posix.normalize(manifest.main)}`), manifest.main);
    for (const snippet of manifest.contributes.snippets) assert.ok(names.has(`extension/${path.posix.normalize(snippet.path)}`), snippet.path);
    assert.deepEqual(
      manifest.contributes.commands.map(command => command.command).sort(),
      ['asyncPitfalls.fixAllInFile', 'asyncPitfalls.restartServer', 'asyncPitfalls.scanWorkspace', 'asyncPitfalls.showOutput'],
    );
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const devDependencies = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
    assert.equal(manifest.engines.vscode, `^${devDependencies['@types/vscode']}`, 'engines.vscode matches @types/vscode');
  });

  it('runs its server from the unpacked package, with nothing else around it', async () => {
    const folder = path.join(unpacked, 'workspace');
    client = await TestClient.start({ folders: [folder], trusted: false, serverPath: path.join(unpacked, 'extension/extension/dist/server.js') });
    const file = path.join(folder, 'load.ts');
    const diagnostics = await client.open(file, NOT_FIXABLE);
    assert.deepEqual(diagnostics.map(diagnostic => diagnostic.code), ['no-blocking-in-async']);
    const status = await client.status(candidate => candidate.typescript !== undefined);
    assert.equal((status.typescript as { source: string }).source, 'bundled');
    // The rule page links to, and the hover reads, is the one inside the package.
    const page = path.join(unpacked, 'extension', 'docs', 'rules', 'no-blocking-in-async.md');
    assert.equal(diagnostics[0]?.codeDescription?.href, fileUri(page));
    const hover = await client.hover(file, diagnostics[0]?.range.start ?? { line: 0, character: 0 });
    assert.match((hover?.contents as { value: string }).value, /^\*\*no-blocking-in-async\*\*: An `async` function[^]*❌ Reported[^]*✅ Fixed/);
  });
});

describe('extension manifest settings', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { order?: number }> } };
  };
  const properties = Object.entries(manifest.contributes.configuration.properties);

  it('lists the settings by use, not by name: each has its own `order`, the switch and the rule choice first', () => {
    const orders = properties.map(([name, property]) => {
      assert.equal(typeof property.order, 'number', `${name} has no order`);
      return property.order ?? 0;
    });
    assert.equal(new Set(orders).size, orders.length, 'two settings share an order');
    const byOrder = properties.sort(([, a], [, b]) => (a.order ?? 0) - (b.order ?? 0)).map(([name]) => name);
    assert.deepEqual(byOrder.slice(0, 4), ['asyncPitfalls.enable', 'asyncPitfalls.config', 'asyncPitfalls.rules', 'asyncPitfalls.typeAware']);
    assert.deepEqual(byOrder.slice(-2), ['asyncPitfalls.maxFileSize', 'asyncPitfalls.lintBudgetMs']);
  });
});
