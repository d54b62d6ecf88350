import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { MAX_FILE_BYTES } from '../../eslint-plugin/src/util/module-exports';
import { forgetSourceFiles, MAX_CACHED_SOURCE_FILES, nodeAt, sourceCodeOfFile } from '../../eslint-plugin/src/util/source/disk-source-code';

describe('util/source sourceCodeOfFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'async-pitfalls-disk-source-'));
    forgetSourceFiles();
  });
  afterEach(() => {
    forgetSourceFiles();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string | Buffer): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  it('reads JavaScript (JSX too) and TypeScript into a SourceCode with scopes and parents', () => {
    const js = sourceCodeOfFile(write('a.js', 'export async function load() { return 1; }\n'));
    assert.ok(js);
    const fn = js.ast.body[0];
    assert.equal(fn?.type, 'ExportNamedDeclaration');
    assert.equal(fn.parent, js.ast);
    assert.ok(js.scopeManager?.globalScope);
    const jsx = sourceCodeOfFile(write('view.js', 'export const View = () => <div>{1}</div>;\n'));
    assert.equal(jsx?.ast.body.length, 1);
    const ts = sourceCodeOfFile(write('b.ts', 'export async function load(): Promise<number> { return 1; }\n'));
    assert.equal(ts?.ast.body[0]?.type, 'ExportNamedDeclaration');
  });

  it('gives nothing for a missing, unparsable, binary or oversized file, or a folder, and never throws', () => {
    assert.equal(sourceCodeOfFile(path.join(dir, 'missing.js')), undefined);
    assert.equal(sourceCodeOfFile(write('broken.ts', 'export function (: {\n')), undefined);
    assert.equal(sourceCodeOfFile(write('binary.js', Buffer.from([0, 1, 2, 0xff, 0xfe, 0, 0x89]))), undefined);
    assert.equal(sourceCodeOfFile(write('huge.js', `// ${'x'.repeat(MAX_FILE_BYTES)}\nexport const a = 1;\n`)), undefined);
    fs.mkdirSync(path.join(dir, 'folder.js'));
    assert.equal(sourceCodeOfFile(path.join(dir, 'folder.js')), undefined);
  });

  it('reads a file again once it changed on disk, and keeps it while it is unchanged', () => {
    const file = write('c.js', 'export const a = 1;\n');
    const first = sourceCodeOfFile(file);
    assert.equal(sourceCodeOfFile(file), first);
    fs.writeFileSync(file, 'export const a = 1;\nexport const b = 2;\n');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    const second = sourceCodeOfFile(file);
    assert.notEqual(second, first);
    assert.equal(second?.ast.body.length, 2);
    forgetSourceFiles([file]);
    assert.notEqual(sourceCodeOfFile(file), second);
  });

  it(`keeps at most ${MAX_CACHED_SOURCE_FILES} files, dropping the least recently used`, () => {
    const first = write('first.js', 'export const a = 0;\n');
    const kept = sourceCodeOfFile(first);
    for (let index = 0; index < MAX_CACHED_SOURCE_FILES; index++) sourceCodeOfFile(write(`f${index}.js`, `export const a = ${index};\n`));
    assert.notEqual(sourceCodeOfFile(first), kept);
  });

  it('finds a node again by its range and type', () => {
    const sourceCode = sourceCodeOfFile(write('d.js', 'export function f() { return g(); }\nfunction g() {}\n'))!;
    const call = nodeAt(sourceCode, [29, 32], 'CallExpression');
    assert.equal(call?.type, 'CallExpression');
    assert.equal(nodeAt(sourceCode, [29, 32], 'Identifier'), undefined);
  });
});
