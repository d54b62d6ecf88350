import type { CheckResult, Failure, Program } from './check';
import { checkProgram } from './check';
import { isJavaScript, loadSeeds } from './corpus';
import { generateProgram } from './generate';
import { createMutations, nodesOf, parseProgram } from './mutate';
import { PROJECTS } from './parsing';
import { Random } from './random';

/**
 * The `index`-th program of a run: generated async code, or a case of the rules' own tests, then
 * mutated one to four times. The same seed and index always give the same program.
 */
export function buildProgram(seed: number, index: number): Program {
  const random = new Random(seed).fork(index);
  const seeds = loadSeeds();
  const mutations = createMutations(() => random.pick(seeds).code);
  let language: Program['language'] = random.chance(0.5) ? 'ts' : 'js';
  let code: string;
  let origin: string;
  if (random.chance(0.4)) {
    code = generateProgram(random, language);
    origin = 'generated';
  } else {
    const start = random.pick(seeds);
    if (!isJavaScript(start)) language = 'ts';
    code = start.code;
    origin = start.source;
  }
  const applied: string[] = [];
  const rounds = 1 + random.int(4);
  for (let round = 0; round < rounds; round++) {
    const mutation = random.pick(mutations);
    const mutated = mutation.apply(code, language, random);
    if (mutated === undefined) continue;
    code = mutated;
    applied.push(mutation.name);
  }
  const hasModuleSyntax = /^\s*(import|export)\b/m.test(code);
  return {
    code,
    language,
    parser: language === 'js' && random.chance(0.5) ? 'espree' : 'typescript-eslint',
    sourceType: !hasModuleSyntax && random.chance(0.2) ? 'script' : 'module',
    project: projectFor(code, random),
    origin: `${origin}${applied.length > 0 ? ` + ${applied.join(', ')}` : ''}`,
  };
}

/**
 * The project a program is linted in: mostly the one whose package.json turns on the fixes its
 * code can get (Express 4 for routes, p-limit for mappings), else any.
 */
function projectFor(code: string, random: Random): string {
  if (/\bexpress\b/.test(code) && random.chance(0.7)) return 'test/fixtures/express-4-project';
  if (/Promise\.\w+\([^)]*\.map\(|Array\.from\(/.test(code) && random.chance(0.5)) {
    return random.pick(PROJECTS.filter(project => project.includes('p-limit')));
  }
  return random.chance(0.5) ? '' : random.pick(PROJECTS);
}

function sameFailure(a: Failure, b: Failure): boolean {
  return a.kind === b.kind && a.ruleId === b.ruleId && a.edit === b.edit;
}

/**
 * A smaller text that still fails the same way: whole statements dropped first (largest first, so
 * that a block goes at once), then single lines, within a budget of checks.
 */
export function shrink(program: Program, failure: Failure, budget = 600): Program {
  let code = program.code;
  let attempts = 0;
  const fails = (candidate: string): boolean => {
    attempts += 1;
    const result = checkProgram({ ...program, code: candidate });
    return result.failures.some(found => sameFailure(found, failure));
  };
  for (let changed = true; changed && attempts < budget; ) {
    changed = false;
    const ast = parseProgram(code, program.language);
    const statements = ast ? nodesOf(ast, node => node.type.endsWith('Statement') || node.type.endsWith('Declaration')) : [];
    statements.sort((a, b) => b.range[1] - b.range[0] - (a.range[1] - a.range[0]));
    for (const statement of statements) {
      if (attempts >= budget) break;
      const candidate = code.slice(0, statement.range[0]) + code.slice(statement.range[1]);
      if (fails(candidate)) {
        code = candidate;
        changed = true;
        break;
      }
    }
  }
  let lines = code.split(/(?<=\n)/);
  for (let index = 0; index < lines.length && attempts < budget; ) {
    const candidate = [...lines.slice(0, index), ...lines.slice(index + 1)];
    if (fails(candidate.join(''))) lines = candidate;
    else index += 1;
  }
  return { ...program, code: lines.join('') };
}

export interface RunTotals {
  /** Programs linted and checked. */
  programs: number;
  /** Programs built but not checked: their input does not parse, or TypeScript rejects it. */
  discarded: number;
  reports: number;
  fixes: number;
  suggestions: number;
  /** Fixes and suggestions applied, by rule. */
  editsByRule: Map<string, number>;
  /** Fixes and suggestions applied, by kind: `fix` or the suggestion's message id. */
  editsByKind: Map<string, number>;
  failures: { index: number; program: Program; failure: Failure }[];
}

/** Builds and checks programs until `count` have been checked (inputs that do not parse are not counted). */
export function run(seed: number, count: number, onProgram?: (index: number, program: Program, result: CheckResult) => void): RunTotals {
  const totals: RunTotals = { programs: 0, discarded: 0, reports: 0, fixes: 0, suggestions: 0, editsByRule: new Map(), editsByKind: new Map(), failures: [] };
  for (let index = 0; totals.programs < count; index++) {
    const program = buildProgram(seed, index);
    const result = checkProgram(program);
    onProgram?.(index, program, result);
    if (!result.checked) {
      totals.discarded += 1;
      continue;
    }
    totals.programs += 1;
    totals.reports += result.reports;
    totals.fixes += result.fixes;
    totals.suggestions += result.suggestions;
    for (const [rule, edits] of result.editsByRule) totals.editsByRule.set(rule, (totals.editsByRule.get(rule) ?? 0) + edits);
    for (const [kind, edits] of result.editsByKind) totals.editsByKind.set(kind, (totals.editsByKind.get(kind) ?? 0) + edits);
    for (const failure of result.failures) totals.failures.push({ index, program, failure });
  }
  return totals;
}
