#!/usr/bin/env node
// `npm run eval:realworld`: precision on real code. Lints the pinned projects of eval/corpus.json
// (every tracked JS/TS file, tests included) with every rule of the plugin, without type
// information and, for the projects that list tsconfig files, with it; joins each report with its
// verdict in eval/verdicts/<project>.jsonl; prints per rule and mode the reports, right, wrong,
// unsure, unlabeled and precision, for all files, tests and non-tests. A benchmark, not a test:
// it needs the projects, which CI cannot reach.
//
//   npm run eval:realworld                       every project, both modes
//   npm run eval:realworld -- --only knex,pm2    some projects
//   npm run eval:realworld -- --no-types         skip the typed runs (no dependencies installed)
//   npm run eval:realworld -- --unlabeled        also write the reports without a verdict, with their
//                                                code, to eval/.work/unlabeled/<project>.md
//   npm run eval:realworld -- --save FILE        keep this run's reports (to compare a later run with)
//   npm run eval:realworld -- --compare FILE     list the reports of FILE that this run no longer makes
//   npm run eval:realworld -- --write-results    write eval/results.json (the README's precision column)
//
// Where the projects come from: ASYNC_PITFALLS_CORPUS (default eval/.work/corpus) holds one clone
// per project, made on first use with `git clone` from GitHub, or from a local mirror when
// ASYNC_PITFALLS_MIRRORS names a folder holding `<owner>+<name>/repo` git directories. The commit
// is checked out detached and verified on every run. Typed projects get their dependencies from
// the listed install command (lifecycle scripts off); nothing of a project is built or run.
//
// A verdict is `{ "key", "verdict": "right" | "wrong" | "unsure", "reason" }`, one JSON object a
// line. The key is project:path:line:rule:hash, the hash being of the reported line's trimmed text,
// so a verdict survives changes to messages and columns and follows the code, not the run.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = join(repoRoot, 'eval');
const workDir = join(evalDir, '.work');

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    types: { type: 'boolean', default: true },
    'no-types': { type: 'boolean', default: false },
    'types-only': { type: 'boolean', default: false },
    unlabeled: { type: 'boolean', default: false },
    save: { type: 'string' },
    compare: { type: 'string' },
    'write-results': { type: 'boolean', default: false },
    'by-project': { type: 'boolean', default: false },
    prepare: { type: 'boolean', default: false },
  },
});

const corpus = JSON.parse(readFileSync(join(evalDir, 'corpus.json'), 'utf8'));
const corpusDir = resolve(process.env.ASYNC_PITFALLS_CORPUS ?? join(workDir, 'corpus'));
const mirrorsDir = process.env.ASYNC_PITFALLS_MIRRORS;
const only = args.only ? new Set(args.only.split(',')) : undefined;
const projects = corpus.projects.filter(project => !only || only.has(project.name));
if (only && projects.length !== only.size) {
  console.error(`unknown project in --only; known: ${corpus.projects.map(project => project.name).join(', ')}`);
  process.exit(2);
}

const LINTED = /\.(?:js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;
/** Not the project's code: installed packages, build output, minified bundles. */
const NOT_SOURCE = /(?:^|\/)(?:node_modules|dist|coverage)\/|\.min\.js$/;
/** Larger files are generated; the editor skips them too. */
const MAX_FILE_BYTES = 1_000_000;
/**
 * Test code by path, as projects lay it out: a test folder anywhere in the path, or a test file
 * name. Independent of the plugin's own notion, so that the split measures it.
 */
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|__mocks__|specs?|e2e|test-[\w-]+|[\w-]+-tests?|fixtures?)\/|\.(?:test|spec|e2e|test-d)\.[cm]?[jt]sx?$/i;

function git(dir, ...gitArgs) {
  return execFileSync('git', ['-C', dir, ...gitArgs], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).trim();
}

/** Clones the project at its commit, once; later runs only check that the commit is the one checked out. */
function prepare(project) {
  const dir = join(corpusDir, project.name);
  if (!existsSync(join(dir, '.git'))) {
    const mirror = mirrorsDir && join(mirrorsDir, project.repo.replace('/', '+'), 'repo');
    const source = mirror && existsSync(mirror) ? mirror : `https://github.com/${project.repo}.git`;
    console.error(`eval: cloning ${project.repo} from ${source}`);
    mkdirSync(corpusDir, { recursive: true });
    execFileSync('git', ['clone', '--quiet', '--no-checkout', source, dir], { stdio: 'inherit' });
  }
  if (git(dir, 'rev-parse', 'HEAD') !== project.commit || !existsSync(join(dir, 'package.json'))) {
    git(dir, 'update-ref', '--no-deref', 'HEAD', project.commit);
    // A mirror may lack its largest blobs (images, generated docs): check out every file it has.
    const entries = git(dir, 'ls-tree', '-r', '--full-tree', project.commit)
      .split('\n')
      .map(line => /^\d+ blob ([0-9a-f]+)\t(.*)$/.exec(line))
      .filter(Boolean);
    const check = spawnSync('git', ['-C', dir, 'cat-file', '--batch-check'], {
      input: entries.map(match => match[1]).join('\n'),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const missing = new Set(check.stdout.split('\n').filter(line => line.endsWith(' missing')).map(line => line.split(' ')[0]));
    const present = entries.filter(match => !missing.has(match[1])).map(match => match[2]);
    spawnSync('git', ['-C', dir, 'checkout', project.commit, '--pathspec-from-file=-', '--pathspec-file-nul'], {
      input: present.join('\0'),
      stdio: ['pipe', 'inherit', 'inherit'],
    });
  }
  const head = git(dir, 'rev-parse', 'HEAD');
  if (head !== project.commit) throw new Error(`${project.name}: ${dir} is at ${head}, not ${project.commit}`);
  if (project.types && args.types && !args['no-types'] && !existsSync(join(dir, 'node_modules'))) {
    console.error(`eval: installing ${project.name}'s dependencies for type information: ${project.types.install.join(' ')}`);
    execFileSync(project.types.install[0], project.types.install.slice(1), { cwd: dir, stdio: 'inherit' });
  }
  return dir;
}

function sourceFiles(dir) {
  return git(dir, 'ls-files', '-z')
    .split('\0')
    .filter(file => LINTED.test(file) && !NOT_SOURCE.test(file))
    .filter(file => {
      try {
        return statSync(join(dir, file)).size <= MAX_FILE_BYTES;
      } catch {
        return false;
      }
    });
}

function lineHash(text) {
  return createHash('sha256').update(text.trim()).digest('hex').slice(0, 10);
}

async function loadLinter() {
  const { ESLint } = require('eslint');
  const plugin = require(join(repoRoot, 'eslint-plugin', 'dist', 'index.js'));
  const { createDefaultConfig, LINTED_FILE_PATTERNS, withoutForeignConfigProblems } = require(join(repoRoot, 'eslint-plugin', 'dist', 'default-config.js'));
  const parser = require('@typescript-eslint/parser');
  return { ESLint, plugin, createDefaultConfig, parser, LINTED_FILE_PATTERNS, withoutForeignConfigProblems };
}

/** Lints one project in one mode; returns its reports and the files it could not lint. */
async function lintProject(linter, project, dir, mode) {
  const { ESLint, plugin, createDefaultConfig, parser, LINTED_FILE_PATTERNS, withoutForeignConfigProblems } = linter;
  const config = [...createDefaultConfig(plugin, parser, { config: 'all' })];
  if (mode === 'typed') {
    config.push({
      files: LINTED_FILE_PATTERNS,
      languageOptions: {
        parserOptions: {
          project: project.types.tsconfigs.map(file => join(dir, file)),
          tsconfigRootDir: dir,
          preserveNodeMaps: true,
          jsDocParsingMode: 'type-info',
        },
      },
    });
  }
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, errorOnUnmatchedPattern: false });
  const files = sourceFiles(dir);
  // As the command line does: what ESLint says of comments for the project's own ESLint setup
  // (`/* eslint-env */`, which ESLint 10 marks fatal while linting the file) is not a finding.
  const results = (await eslint.lintFiles(files.map(file => join(dir, file)))).map(withoutForeignConfigProblems);
  const reports = [];
  const unparsed = [];
  const outsideProgram = [];
  for (const result of results) {
    const path = relative(dir, result.filePath).split('\\').join('/');
    const fatal = result.messages.find(message => message.fatal);
    if (fatal) {
      if (mode === 'typed' && /not included in|was not found by the project service|parserOptions.project/.test(fatal.message)) {
        outsideProgram.push(path);
      } else {
        unparsed.push(`${path}:${fatal.line ?? 0}: ${fatal.message}`);
      }
      continue;
    }
    const lines = (result.source ?? readFileSync(result.filePath, 'utf8')).split(/\r\n|\r|\n/);
    for (const message of result.messages) {
      if (!message.ruleId?.startsWith('async-pitfalls/')) continue;
      const rule = message.ruleId.slice('async-pitfalls/'.length);
      const lineText = lines[message.line - 1] ?? '';
      reports.push({
        key: `${project.name}:${path}:${message.line}:${rule}:${lineHash(lineText)}`,
        project: project.name,
        path,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        rule,
        mode,
        test: TEST_PATH.test(path),
        message: message.message,
      });
    }
  }
  return { reports, files: files.length, unparsed, outsideProgram };
}

function readVerdicts() {
  const verdicts = new Map();
  for (const project of corpus.projects) {
    const file = join(evalDir, 'verdicts', `${project.name}.jsonl`);
    if (!existsSync(file)) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!line.trim()) return;
        let entry;
        try {
          entry = JSON.parse(line);
        } catch {
          throw new Error(`${file}:${index + 1}: not JSON`);
        }
        if (!['right', 'wrong', 'unsure'].includes(entry.verdict) || typeof entry.key !== 'string' || !entry.reason) {
          throw new Error(`${file}:${index + 1}: a verdict needs key, verdict (right, wrong or unsure) and reason`);
        }
        const earlier = verdicts.get(entry.key);
        if (earlier && earlier.verdict !== entry.verdict) {
          throw new Error(`${file}:${index + 1}: ${entry.key} is labeled both ${earlier.verdict} and ${entry.verdict}`);
        }
        verdicts.set(entry.key, entry);
      });
  }
  return verdicts;
}

const RULE_CONFIG = new Map();

function emptyCounts() {
  return { reports: 0, right: 0, wrong: 0, unsure: 0, unlabeled: 0 };
}

function tally(reports, verdicts) {
  const byRule = new Map();
  for (const report of reports) {
    const perMode = byRule.get(report.rule) ?? { untyped: { all: emptyCounts(), tests: emptyCounts(), nonTests: emptyCounts() }, typed: { all: emptyCounts(), tests: emptyCounts(), nonTests: emptyCounts() } };
    byRule.set(report.rule, perMode);
    const verdict = verdicts.get(report.key)?.verdict ?? 'unlabeled';
    for (const scope of ['all', report.test ? 'tests' : 'nonTests']) {
      const counts = perMode[report.mode][scope];
      counts.reports++;
      counts[verdict]++;
    }
  }
  return byRule;
}

function precision(counts) {
  const judged = counts.right + counts.wrong;
  return judged === 0 ? undefined : counts.right / judged;
}

function cell(counts) {
  if (counts.reports === 0) return '–';
  const value = precision(counts);
  const extra = [counts.unsure && `${counts.unsure} unsure`, counts.unlabeled && `${counts.unlabeled} unlabeled`].filter(Boolean).join(', ');
  return `${value === undefined ? 'n/a' : value.toFixed(2)} (${counts.right}/${counts.right + counts.wrong}${extra ? `; ${extra}` : ''})`;
}

function printTable(byRule, modes) {
  console.log('\n| rule | config | mode | all | tests | non-tests |');
  console.log('|---|---|---|---|---|---|');
  for (const rule of [...RULE_CONFIG.keys()].sort()) {
    for (const mode of modes) {
      const counts = byRule.get(rule)?.[mode] ?? { all: emptyCounts(), tests: emptyCounts(), nonTests: emptyCounts() };
      console.log(`| ${rule} | ${RULE_CONFIG.get(rule)} | ${mode} | ${cell(counts.all)} | ${cell(counts.tests)} | ${cell(counts.nonTests)} |`);
    }
  }
  console.log('\nA cell is precision (right/judged; unsure and unlabeled apart); – is no report.');
}

function writeUnlabeled(reports, verdicts, projectDirs) {
  const outDir = join(workDir, 'unlabeled');
  mkdirSync(outDir, { recursive: true });
  const byProject = new Map();
  const seen = new Set();
  for (const report of reports) {
    if (verdicts.has(report.key) || seen.has(report.key)) continue;
    seen.add(report.key);
    const list = byProject.get(report.project) ?? [];
    list.push(report);
    byProject.set(report.project, list);
  }
  for (const [project, list] of byProject) {
    const dir = projectDirs.get(project);
    const sections = list
      .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line)
      .map(report => {
        const lines = readFileSync(join(dir, report.path), 'utf8').split(/\r\n|\r|\n/);
        const from = Math.max(1, report.line - 6);
        const to = Math.min(lines.length, (report.endLine ?? report.line) + 6);
        const excerpt = lines
          .slice(from - 1, to)
          .map((text, index) => `${String(from + index).padStart(5)}${from + index === report.line ? '>' : ' '} ${text}`)
          .join('\n');
        return `## ${report.key}\n${report.rule} (${report.mode}${report.test ? ', test path' : ''}) at ${report.path}:${report.line}:${report.column}\n${report.message}\n\n\`\`\`\n${excerpt}\n\`\`\`\n`;
      });
    writeFileSync(join(outDir, `${project}.md`), `# ${project}: ${list.length} reports without a verdict (checkout: ${dir})\n\n${sections.join('\n')}`);
    console.error(`eval: ${list.length} unlabeled reports of ${project} in ${relative(process.cwd(), join(outDir, `${project}.md`))}`);
  }
}

async function main() {
  const linter = await loadLinter();
  for (const [name, rule] of Object.entries(linter.plugin.rules)) RULE_CONFIG.set(name, rule.meta.docs?.recommended ?? 'all');
  const withTypes = args.types && !args['no-types'];
  const reports = [];
  const projectDirs = new Map();
  const summary = [];
  for (const project of projects) {
    const dir = prepare(project);
    projectDirs.set(project.name, dir);
    if (args.prepare) continue;
    const modes = [...(args['types-only'] ? [] : ['untyped']), ...(withTypes && project.types ? ['typed'] : [])];
    for (const mode of modes) {
      const started = Date.now();
      const run = await lintProject(linter, project, dir, mode);
      reports.push(...run.reports);
      summary.push({ project: project.name, mode, files: run.files, reports: run.reports.length, unparsed: run.unparsed.length, outsideProgram: run.outsideProgram.length, seconds: (Date.now() - started) / 1000 });
      console.error(`eval: ${project.name} ${mode}: ${run.files} files, ${run.reports.length} reports, ${run.unparsed.length} not parsed${mode === 'typed' ? `, ${run.outsideProgram.length} outside the program` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      for (const line of run.unparsed) console.error(`  not parsed: ${line}`);
    }
  }
  if (args.prepare) return;
  const verdicts = readVerdicts();
  const byRule = tally(reports, verdicts);

  console.log('| project | mode | files | reports | not parsed | outside the program |');
  console.log('|---|---|---|---|---|---|');
  for (const row of summary) console.log(`| ${row.project} | ${row.mode} | ${row.files} | ${row.reports} | ${row.unparsed} | ${row.mode === 'typed' ? row.outsideProgram : '–'} |`);
  const modes = ['untyped', ...(reports.some(report => report.mode === 'typed') ? ['typed'] : [])];
  printTable(byRule, modes);
  if (args['by-project']) {
    for (const project of projects) {
      console.log(`\n### ${project.name}`);
      printTable(tally(reports.filter(report => report.project === project.name), verdicts), modes);
    }
  }
  const unlabeled = new Set(reports.filter(report => !verdicts.has(report.key)).map(report => report.key));
  console.log(`\n${reports.length} reports, ${unlabeled.size} distinct keys without a verdict.`);

  if (args.unlabeled) writeUnlabeled(reports, verdicts, projectDirs);
  if (args.save) writeFileSync(args.save, JSON.stringify(reports, null, 1));
  if (args.compare) {
    const before = JSON.parse(readFileSync(args.compare, 'utf8'));
    const now = new Set(reports.map(report => `${report.mode}|${report.key}`));
    const gone = before.filter(report => !now.has(`${report.mode}|${report.key}`) && projects.some(project => project.name === report.project));
    const counts = {};
    for (const report of gone) {
      const verdict = verdicts.get(report.key)?.verdict ?? 'unlabeled';
      counts[verdict] = (counts[verdict] ?? 0) + 1;
    }
    console.log(`\nReports of ${args.compare} that this run no longer makes: ${gone.length} (${Object.entries(counts).map(([verdict, n]) => `${n} ${verdict}`).join(', ') || 'none'})`);
    for (const report of gone.filter(report => verdicts.get(report.key)?.verdict !== 'wrong')) {
      const verdict = verdicts.get(report.key);
      console.log(`- ${verdict?.verdict ?? 'unlabeled'} ${report.mode} ${report.key}${verdict ? `: ${verdict.reason}` : ''}`);
    }
  }
  if (args['write-results']) {
    if (only) throw new Error('--write-results needs the whole corpus (no --only)');
    const results = {
      $comment: 'Written by `npm run eval:realworld -- --write-results`; `npm run docs` puts it in the README rules table.',
      corpus: corpus.projects.map(project => ({ name: project.name, repo: project.repo, commit: project.commit })),
      files: summary.filter(row => row.mode === 'untyped').reduce((sum, row) => sum + row.files, 0),
      rules: Object.fromEntries([...RULE_CONFIG.keys()].sort().map(rule => [rule, byRule.get(rule) ?? null])),
    };
    writeFileSync(join(evalDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.error('eval: wrote eval/results.json');
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
