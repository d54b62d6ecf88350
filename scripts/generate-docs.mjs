// `npm run docs`: rewrites the rules table of README.md from the rules' metadata (the built
// plugin in eslint-plugin/dist) and the precision measured on real code (eval/results.json,
// written by `npm run eval:realworld -- --write-results`), between the markers below. `--check` changes nothing and exits 1
// when README.md is out of date (the test suite runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');
const plugin = createRequire(import.meta.url)(join(root, 'eslint-plugin', 'dist', 'index.js'));
const results = JSON.parse(readFileSync(join(root, 'eval', 'results.json'), 'utf8'));

function configOf(docs) {
  if (docs.recommended === 'recommended') return '`recommended` (error)';
  if (docs.recommended === 'strict') return '`strict` (warn)';
  return '`all` only';
}

function typeInformationOf(docs) {
  if (docs.requiresTypeChecking) return 'required';
  if (docs.usesTypeInformation) return 'optional, more precise with it';
  return 'not used';
}

/** Where the rule reports by default: its `contexts` option's default. */
function contextsOf(rule) {
  const [defaults] = rule.defaultOptions ?? [];
  return (defaults?.contexts ?? []).join(', ');
}

/** Right of judged reports on the labeled corpus, without and with types, as `0.97 (n=31)`. */
function precisionOf(name) {
  const measured = results.rules[name];
  const cell = counts => {
    const judged = counts.right + counts.wrong;
    return judged === 0 ? undefined : `${(counts.right / judged).toFixed(2)} (n=${judged})`;
  };
  const parts = [];
  const untyped = measured && cell(measured.untyped.all);
  const typed = measured && cell(measured.typed.all);
  if (untyped) parts.push(untyped);
  if (typed) parts.push(`typed ${typed}`);
  return parts.length > 0 ? parts.join('; ') : 'no report';
}

function renderRulesTable(rules) {
  const lines = [
    '| Rule | What it finds | Config | Reports in (default) | Precision on real code | Fixable | Suggestions | Type information |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const name of Object.keys(rules).sort()) {
    const { meta } = rules[name];
    const docs = meta.docs ?? {};
    lines.push(
      `| [\`${name}\`](docs/rules/${name}.md) | ${docs.description ?? ''} | ${configOf(docs)} | ${contextsOf(rules[name])} | ${precisionOf(name)} | ${meta.fixable ? '🔧 yes' : 'no'} | ${
        meta.hasSuggestions ? '💡 yes' : 'no'
      } | ${typeInformationOf(docs)} |`,
    );
  }
  return lines.join('\n');
}

const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  console.error(`README.md needs the markers ${START} and ${END} around the rules table.`);
  process.exit(2);
}
const updated = `${readme.slice(0, start + START.length)}\n${renderRulesTable(plugin.rules)}\n${readme.slice(end)}`;

if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('README.md: the rules table is out of date with the rules metadata. Run `npm run docs` and commit README.md.');
    process.exit(1);
  }
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
  console.log('README.md: rules table updated.');
} else {
  console.log('README.md: rules table already up to date.');
}
