// A long fix-safety run: `npm run fuzz -- [--count N] [--seed S] [--out DIR]`. Lints N generated
// programs (default 10,000; the seed is random unless given) with every rule, applies every fix and
// suggestion alone and checks each output (see check.ts). Each failure is shrunk and written to DIR
// (default `.fuzz/`, ignored by git) as a program file and a JSON file saying what failed; the same
// seed replays the same programs. Exits with 1 when anything failed.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { buildProgram, run, shrink } from './programs';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    out: { type: 'string', default: path.join(__dirname, '..', '..', '.fuzz') },
  },
});
const count = Number.parseInt(values.count, 10);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number.parseInt(values.seed, 10);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--count N] [--seed S] [--out DIR]');
  process.exit(2);
}

console.log(`fix-safety fuzz: ${count} programs, seed ${seed}`);
const started = Date.now();
let lastReport = started;
const totals = run(seed, count, (index, _program, result) => {
  if (Date.now() - lastReport > 30_000) {
    lastReport = Date.now();
    console.log(`  … program ${index + 1}, ${Math.round((Date.now() - started) / 1000)} s${result.failures.length > 0 ? ', a failure' : ''}`);
  }
});

const written = new Set<string>();
for (const { index, program, failure } of totals.failures) {
  const small = shrink(program, failure);
  const key = createHash('sha256').update(`${failure.ruleId}\0${failure.edit}\0${failure.kind}\0${small.code}`).digest('hex').slice(0, 12);
  if (written.has(key)) continue;
  written.add(key);
  fs.mkdirSync(values.out, { recursive: true });
  const base = path.join(values.out, `${failure.ruleId.replace(/\W+/g, '_')}-${failure.edit}-${failure.kind}-${key}`);
  fs.writeFileSync(`${base}.${program.language}`, small.code);
  fs.writeFileSync(
    `${base}.json`,
    `${JSON.stringify(
      {
        seed,
        index,
        rule: failure.ruleId,
        edit: failure.edit,
        kind: failure.kind,
        detail: failure.detail,
        parser: program.parser,
        sourceType: program.sourceType,
        project: program.project,
        origin: program.origin,
        replay: `buildProgram(${seed}, ${index})`,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`${failure.ruleId} ${failure.edit}: ${failure.kind} (${failure.detail.split('\n')[0]}) → ${path.relative(process.cwd(), base)}.${program.language}`);
}

const seconds = Math.round((Date.now() - started) / 1000);
console.log(
  `${totals.programs} programs checked (${totals.discarded} more discarded: their input does not parse), ` +
    `${totals.reports} reports, ${totals.fixes} fixes and ${totals.suggestions} suggestions applied, ` +
    `${totals.failures.length} failures (${written.size} distinct), ${seconds} s, seed ${seed}`,
);
for (const [rule, edits] of [...totals.editsByRule].sort()) console.log(`  ${rule}: ${edits} edits`);
console.log(`  by kind: ${[...totals.editsByKind].sort().map(([kind, edits]) => `${kind} ${edits}`).join(', ')}`);
// Keeps `buildProgram` reachable from a reproducer's JSON: `npx tsx -e "…buildProgram(seed, index)"`.
void buildProgram;
process.exitCode = totals.failures.length > 0 ? 1 : 0;
