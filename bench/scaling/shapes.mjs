// Generated files of the shapes whose lint time once grew with the square of their size. Each
// generator repeats a unit until the file has the asked number of lines; the units use every
// rule's vocabulary (blocking calls, resources, async callbacks, awaits, requests, catches), so
// that every rule has work to do on every shape.

const HEADER = [
  "import fs from 'node:fs';",
  "import { open } from 'node:fs/promises';",
  "import { execSync } from 'node:child_process';",
  "import http from 'node:http';",
  '',
];

/** Repeats `unit(i)` (an array of lines) until `lines` lines are written. */
function fill(lines, header, unit, footer = []) {
  const out = [...header];
  for (let index = 0; out.length + footer.length < lines; index++) out.push(...unit(index));
  out.push(...footer);
  return out.join('\n') + '\n';
}

/** Top-level async functions with async functions nested in them, three levels deep. */
function nested(lines) {
  return fill(lines, HEADER, i => [
    `export async function handler${i}(request, items) {`,
    `  const config = fs.readFileSync('config-${i}.json', 'utf8');`,
    `  const handle = await open(request.path);`,
    `  await handle.write(config);`,
    `  await handle.close();`,
    `  items.forEach(async (item) => {`,
    `    await save${i}(item);`,
    `  });`,
    `  const run = async (url) => {`,
    `    const response = await fetch(url);`,
    `    const inner = async () => {`,
    `      setTimeout(async () => { await refresh${i}(); }, 10);`,
    `      try { await load${i}(url); } catch {}`,
    `      execSync('sync-${i}');`,
    `      load${i}(url).catch(() => {});`,
    `    };`,
    `    await inner();`,
    `    const first = await load${i}(url);`,
    `    const second = await fetchOther${i}(request.id);`,
    `    return [first, second, await response.json()];`,
    `  };`,
    `  await Promise.all(items.map(async (item) => fetch(item.url)));`,
    `  return run(request.url);`,
    `}`,
    '',
  ]);
}

/** One async function with one await per line, independent but for one in 25 that reads the one before. */
function awaits(lines) {
  return fill(
    lines,
    [...HEADER, 'export async function loadAll(ids) {'],
    i => [`  const value${i} = await fetchItem${i % 50}(${i % 25 === 0 && i > 0 ? `value${i - 1}` : `'item-${i}'`});`],
    ['  return value0;', '}'],
  );
}

/** One long async function made of `if` blocks. */
function ifBlocks(lines) {
  return fill(
    lines,
    [...HEADER, 'export async function handle(input, items) {'],
    i => [
      `  if (input.flag${i}) {`,
      `    const data${i} = fs.readFileSync(input.path${i});`,
      `    items.forEach(async (item) => { await save(item, data${i}); });`,
      `    process${i}(input);`,
      `    const result${i} = await fetch(input.url${i});`,
      `    await result${i}.text();`,
      `  }`,
    ],
    ['}'],
  );
}

/** One async function that opens, uses and closes one resource after another. */
function resources(lines) {
  return fill(
    lines,
    [...HEADER, 'export async function copyAll(paths) {'],
    i => [
      `  const handle${i} = await open(paths[${i}]);`,
      `  const text${i} = await handle${i}.readFile('utf8');`,
      `  await handle${i}.write(text${i});`,
      `  const server${i} = http.createServer();`,
      `  server${i}.close();`,
      `  await handle${i}.close();`,
      `  console.log(text${i});`,
    ],
    ['}'],
  );
}

/** Async arrows nested in one another: the depth grows with the file. */
function deepArrows(lines) {
  const perLevel = 4;
  const depth = Math.max(1, Math.floor((lines - HEADER.length) / (perLevel + 1)));
  const out = [...HEADER];
  for (let level = 0; level < depth; level++) {
    out.push(
      `const step${level} = async (value${level}) => {`,
      `  const data${level} = fs.readFileSync('step-${level}');`,
      `  await work${level % 10}(value${level}, data${level});`,
      `  items.forEach(async (item) => { await save(item); });`,
    );
  }
  for (let level = depth - 1; level >= 0; level--) out.push('};');
  return out.join('\n') + '\n';
}

/** One function of consecutive statements that swallow errors, with comments between them. */
function swallowed(lines) {
  return fill(
    lines,
    [...HEADER, 'export async function cleanUp(items) {'],
    i => [
      `  // Step ${i}.`,
      `  remove${i % 20}(items[${i}]).catch(() => {});`,
      `  try { await close${i % 20}(items[${i}]); } catch {}`,
      `  const settled${i} = await Promise.allSettled([load(${i}), save(${i})]); /* read later */`,
    ],
    ['}'],
  );
}

export const SHAPES = {
  'nested async functions': nested,
  'independent awaits': awaits,
  'if blocks': ifBlocks,
  resources,
  'deep async arrows': deepArrows,
  'swallowed errors': swallowed,
};
