import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, parse, simpleTraverse } from '@typescript-eslint/typescript-estree';

import type { Language } from './parsing';
import type { Random } from './random';

/**
 * Mutations of a program's text, guided by its syntax tree: each moves code into a place where a
 * fix is easy to get wrong (a new context, a new position in the grammar, a name that clashes,
 * other line ends). A mutation that does not apply returns undefined; one that breaks the syntax is
 * harmless (the checker discards inputs that do not parse).
 */
export interface Mutation {
  name: string;
  apply(code: string, language: Language, random: Random): string | undefined;
}

/** Parsed texts: the rules' test cases start many programs, and each is parsed once, not per program. */
const parsed = new Map<string, TSESTree.Program | undefined>();

/** The syntax tree of a text (shared: read it, never change it), or undefined when it does not parse. */
export function parseProgram(code: string, language: Language): TSESTree.Program | undefined {
  const key = `${language}\0${code}`;
  if (parsed.has(key)) return parsed.get(key);
  let program: TSESTree.Program | undefined;
  try {
    program = parse(code, { range: true, jsx: language === 'js', filePath: language === 'ts' ? 'm.ts' : 'm.js' });
  } catch {
    program = undefined;
  }
  if (parsed.size >= 5000) parsed.clear();
  parsed.set(key, program);
  return program;
}

/** A mutation that needs the program's syntax tree (a program that does not parse is left alone). */
function syntaxMutation(
  name: string,
  apply: (code: string, program: TSESTree.Program, language: Language, random: Random) => string | undefined,
): Mutation {
  return {
    name,
    apply(code, language, random) {
      const program = parseProgram(code, language);
      return program ? apply(code, program, language, random) : undefined;
    },
  };
}

export function nodesOf(program: TSESTree.Program, test: (node: TSESTree.Node) => boolean): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  simpleTraverse(program, { enter: node => void (test(node) && found.push(node)) }, true);
  return found;
}

function text(code: string, node: TSESTree.Node): string {
  return code.slice(node.range[0], node.range[1]);
}

function replace(code: string, node: { range: [number, number] }, replacement: string): string {
  return code.slice(0, node.range[0]) + replacement + code.slice(node.range[1]);
}

function insertAt(code: string, position: number, insertion: string): string {
  return code.slice(0, position) + insertion + code.slice(position);
}

const FUNCTION_TYPES = new Set<string>([
  AST_NODE_TYPES.ArrowFunctionExpression,
  AST_NODE_TYPES.FunctionDeclaration,
  AST_NODE_TYPES.FunctionExpression,
]);

function isFunction(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression {
  return FUNCTION_TYPES.has(node.type);
}

/** The program's statements without its import/export syntax, to be placed inside something. */
function liftedBody(code: string, program: TSESTree.Program): { imports: string; body: string } {
  const imports: string[] = [];
  const body: string[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      imports.push(text(code, statement));
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (!declaration) continue;
      const inner = text(code, declaration);
      body.push(declaration.type.endsWith('Declaration') || declaration.type === AST_NODE_TYPES.ClassDeclaration ? inner : `(${inner});`);
    } else if (statement.type !== AST_NODE_TYPES.ExportAllDeclaration && statement.type !== AST_NODE_TYPES.TSExportAssignment) {
      body.push(text(code, statement));
    }
  }
  return { imports: imports.join('\n'), body: body.join('\n') };
}

const CONTEXTS: ((body: string, language: Language) => string | undefined)[] = [
  body => `async function wrapper(items, users, file, url) {\n${body}\n}`,
  body => `const wrapper = async (items) => {\n${body}\n};`,
  body => `class Wrapper {\n  async method(items) {\n${body}\n  }\n}`,
  body => `function syncWrapper(items) {\n${body}\n}`,
  body => `(async () => {\n${body}\n})();`,
  body => `async function* generator(items) {\n${body}\n}`,
  body => `async function branches(flag) {\n  if (flag) {\n${body}\n  } else {\n    return null;\n  }\n}`,
  body => `async function guarded() {\n  try {\n${body}\n  } catch (error) {\n    report(error);\n  } finally {\n    done();\n  }\n}`,
  body => `async function looped(list) {\n  for (const item of list) {\n${body}\n  }\n}`,
  body => `async function labelled() {\n  outer: {\n${body}\n  }\n}`,
  body => `async function switched(kind) {\n  switch (kind) {\n    case 1: {\n${body}\n    }\n  }\n}`,
  body => `class Holder {\n  static {\n${body}\n  }\n}`,
  body => `class Holder {\n  field = (async () => {\n${body}\n  })();\n}`,
  body => `export default async function () {\n${body}\n}`,
  body => `items.forEach(async (item) => {\n${body}\n});`,
  (body, language) => (language === 'ts' ? `namespace Space {\n${body}\n}` : undefined),
  (body, language) => (language === 'ts' ? `namespace Outer.Inner {\n  export async function f() {\n${body}\n  }\n}` : undefined),
  (body, language) => (language === 'ts' ? `async function typed(this: Service, items: unknown[]): Promise<void> {\n${body}\n}` : undefined),
];

const wrapInContext = syntaxMutation('context', (code, program, language, random) => {
  const { imports, body } = liftedBody(code, program);
  const wrapped = random.pick(CONTEXTS)(body, language);
  return wrapped === undefined ? undefined : `${imports}${imports ? '\n' : ''}${wrapped}\n`;
});

/** Places for an expression; `%` is the expression. */
const EXPRESSION_PLACES = ['(%)', '(0, %)', '[%][0]', 'flag ? % : null', '% ?? null', '(%).value', '`${%}`', '!%', 'void %', 'typeof %', '-%', '% ** 2', '(%)()', 'new (%)()'];
const TS_EXPRESSION_PLACES = ['(% as any)', '(%)!', '<any>(%)', '(% satisfies unknown)'];
/** Places for a statement holding the expression. */
const STATEMENT_PLACES = [
  'return %;',
  'return (%);',
  'class Derived extends % {}',
  'class Derived extends (%) {}',
  'x = %;',
  'const { a } = %;',
  'throw %;',
  'if (%) {}',
  'for (const part of %) {}',
  'while (%) { break; }',
  'label: %;',
  'const arrow = () => %;',
  'const asyncArrow = async () => %;',
  'const object = { key: %, [%]: 1 };',
  'class Fields { field = %; static s = %; [%]() {} }',
  'class Block { static { %; } }',
  'function defaults(a = %) { return a; }',
  'async function asyncDefaults(a = %) { return a; }',
];
const TS_STATEMENT_PLACES = ['@% class Decorated {}', '@(%) class Decorated {}', 'class Members { @% method() {} }', 'enum Values { A = % }', 'namespace Inner { %; }', 'declare const d: typeof %;'];

const CALLEE_PLACES = ['(%)', '(0, %)', '%?.', '(%)?.'];
const TS_CALLEE_PLACES = ['(% as any)', '%!', '(% as typeof %)'];

const moveExpression = syntaxMutation('position', (code, program, language, random) => {
  const candidates = nodesOf(
    program,
    node =>
      node.type === AST_NODE_TYPES.CallExpression ||
      node.type === AST_NODE_TYPES.NewExpression ||
      node.type === AST_NODE_TYPES.AwaitExpression ||
      isFunction(node),
  );
  if (candidates.length === 0) return undefined;
  const node = random.pick(candidates);
  const original = text(code, node);
  const choice = random.int(3);
  if (choice === 0 && node.type === AST_NODE_TYPES.CallExpression) {
    const callee = node.callee;
    const places = language === 'ts' ? [...CALLEE_PLACES, ...TS_CALLEE_PLACES] : CALLEE_PLACES;
    let place = random.pick(places);
    const calleeText = text(code, callee);
    // `%?.` stands for an optional call: `callee?.(args)`.
    if (place.endsWith('?.')) place = place.slice(0, -2);
    const rewritten = place.replaceAll('%', calleeText) + (random.chance(0.3) ? '?.' : '');
    return replace(code, callee, rewritten);
  }
  if (choice === 1) {
    const places = language === 'ts' ? [...EXPRESSION_PLACES, ...TS_EXPRESSION_PLACES] : EXPRESSION_PLACES;
    return replace(code, node, random.pick(places).replaceAll('%', original));
  }
  // The statement around the expression, replaced by one that holds it elsewhere in the grammar.
  let statement: TSESTree.Node | undefined = node;
  while (statement && !statement.type.endsWith('Statement') && statement.type !== AST_NODE_TYPES.VariableDeclaration) {
    statement = statement.parent;
  }
  if (!statement || statement.type === AST_NODE_TYPES.BlockStatement) return undefined;
  const places = language === 'ts' ? [...STATEMENT_PLACES, ...TS_STATEMENT_PLACES] : STATEMENT_PLACES;
  return replace(code, statement, random.pick(places).replaceAll('%', original));
});

/** Names the program declares inside functions, and the callbacks' blocks. */
function declaredInFunctions(program: TSESTree.Program): string[] {
  const names = new Set<string>();
  for (const node of nodesOf(program, node => node.type === AST_NODE_TYPES.VariableDeclarator || isFunction(node))) {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier) names.add(node.id.name);
    if (isFunction(node)) for (const param of node.params) if (param.type === AST_NODE_TYPES.Identifier) names.add(param.name);
  }
  return [...names];
}

/** A declaration of a name used inside a callback, in the scope around it: a loop rewrite then clashes. */
const clashingDeclaration = syntaxMutation('clash', (code, program, language, random) => {
  const names = declaredInFunctions(program);
  const blocks = nodesOf(program, node => node.type === AST_NODE_TYPES.BlockStatement && node.parent !== undefined && isFunction(node.parent));
  if (names.length === 0 || blocks.length === 0) return undefined;
  const name = random.pick(names);
  const target = random.pick(blocks) as TSESTree.BlockStatement;
  const declaration = random.pick([`let ${name} = 0;`, `const ${name} = 1;`, `var ${name};`, `function ${name}() {}`, `class ${name} {}`]);
  return insertAt(code, target.range[0] + 1, `\n${declaration}\n`);
});

/** A `var` or function declaration inside a callback's body, whose name is also declared outside. */
const hoistedDeclaration = syntaxMutation('hoisted', (code, program, language, random) => {
  const callbacks = nodesOf(
    program,
    node => isFunction(node) && node.body.type === AST_NODE_TYPES.BlockStatement && node.parent?.type === AST_NODE_TYPES.CallExpression,
  ) as (TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression)[];
  if (callbacks.length === 0) return undefined;
  const callback = random.pick(callbacks);
  const name = random.pick(['total', 'result', 'items', 'g', ...declaredInFunctions(program)]);
  const declaration = random.pick([`var ${name} = 1;`, `function ${name}() { return 1; }`, `var ${name};`]);
  const outer = random.chance(0.5) ? `let ${name} = 0;\n` : '';
  const withInner = insertAt(code, (callback.body as TSESTree.BlockStatement).range[1] - 1, `\n${declaration}\n`);
  return outer ? `${outer}${withInner}` : withInner;
});

/** A closure declared before a statement and called after it, reading what the statement declares. */
const closureAround = syntaxMutation('closure', (code, program, language, random) => {
  const declarators = nodesOf(
    program,
    node =>
      node.type === AST_NODE_TYPES.VariableDeclarator &&
      node.id.type === AST_NODE_TYPES.Identifier &&
      node.parent?.parent?.type === AST_NODE_TYPES.BlockStatement,
  ) as TSESTree.VariableDeclarator[];
  if (declarators.length === 0) return undefined;
  const declarator = random.pick(declarators);
  const name = (declarator.id as TSESTree.Identifier).name;
  const block = declarator.parent!.parent as TSESTree.BlockStatement;
  const closure = random.pick([`const reader = () => ${name};`, `function reader() { return ${name}; }`]);
  const last = block.body[block.body.length - 1];
  const call = random.pick(['reader();', 'return reader();', 'log(reader());']);
  const position = last?.type === AST_NODE_TYPES.ReturnStatement ? last.range[0] : block.range[1] - 1;
  const withCall = insertAt(code, position, `\n${call}\n`);
  return insertAt(withCall, block.range[0] + 1, `\n${closure}\n`);
});

/** The receiver of an array method declared as a Map, a Set, an array, a string or an object. */
const receiverKind = syntaxMutation('receiver', (code, program, language, random) => {
  const calls = nodesOf(
    program,
    node =>
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      node.callee.object.type === AST_NODE_TYPES.Identifier,
  ) as TSESTree.CallExpression[];
  if (calls.length === 0) return undefined;
  const call = random.pick(calls);
  const name = ((call.callee as TSESTree.MemberExpression).object as TSESTree.Identifier).name;
  const value = random.pick(['new Map()', 'new Set()', '[]', "'text'", '{}', '[1, 2]', 'new Map([[1, 2]])']);
  const declaration = `const ${name} = ${value};`;
  let statement: TSESTree.Node = call;
  while (statement.parent && statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program) {
    statement = statement.parent;
  }
  return insertAt(code, statement.range[0], `${declaration}\n`);
});

const lineEnds: Mutation = {
  name: 'crlf',
  apply: code => (code.includes('\r') ? undefined : code.replace(/\n/g, '\r\n')),
};

const tabs: Mutation = {
  name: 'tabs',
  apply: code => code.replace(/^( {2})+/gm, spaces => '\t'.repeat(spaces.length / 2)),
};

const comments = syntaxMutation('comments', (code, program, language, random) => {
  const nodes = nodesOf(program, node => node.type.endsWith('Statement') || node.type === AST_NODE_TYPES.CallExpression);
  if (nodes.length === 0) return undefined;
  const node = random.pick(nodes);
  const comment = random.pick(['/* note */ ', '// note\n', '/** @returns {Promise<void>} */\n', '/* eslint-disable-next-line */\n']);
  return random.chance(0.5) ? insertAt(code, node.range[0], comment) : insertAt(code, node.range[1], ` ${comment.trimEnd()}\n`);
});

const declarationKind = syntaxMutation('kind', (code, program, language, random) => {
  const declarations = nodesOf(program, node => node.type === AST_NODE_TYPES.VariableDeclaration) as TSESTree.VariableDeclaration[];
  if (declarations.length === 0) return undefined;
  const declaration = random.pick(declarations);
  const keyword = random.pick(['const', 'let', 'var', ...(language === 'ts' ? ['await using', 'using'] : [])]);
  return code.slice(0, declaration.range[0]) + keyword + code.slice(declaration.range[0] + declaration.kind.length);
});

const toggleAsync = syntaxMutation('async', (code, program, language, random) => {
  const functions = nodesOf(program, isFunction) as (TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression)[];
  if (functions.length === 0) return undefined;
  const fn = random.pick(functions);
  const start = fn.parent?.type === AST_NODE_TYPES.MethodDefinition || fn.parent?.type === AST_NODE_TYPES.Property && fn.parent.method ? fn.parent.range[0] : fn.range[0];
  if (fn.async) {
    const index = code.indexOf('async', start);
    return index < 0 ? undefined : code.slice(0, index) + code.slice(index + 'async'.length).replace(/^\s/, '');
  }
  return insertAt(code, start, 'async ');
});

/** Two or three statements of another program spliced into a block of this one. */
function splice(donors: () => string): Mutation {
  return {
    name: 'splice',
    apply(code, language, random) {
      const program = parseProgram(code, language);
      const donorCode = donors();
      const donor = parseProgram(donorCode, language);
      if (!program || !donor) return undefined;
      const statements = donor.body.filter(statement => statement.type !== AST_NODE_TYPES.ImportDeclaration && !statement.type.startsWith('Export'));
      if (statements.length === 0) return undefined;
      const chosen = statements.slice(0, 1 + random.int(3)).map(statement => text(donorCode, statement)).join('\n');
      const blocks = nodesOf(program, node => node.type === AST_NODE_TYPES.BlockStatement);
      const target = blocks.length > 0 && random.chance(0.7) ? random.pick(blocks) : undefined;
      return target ? insertAt(code, target.range[0] + 1, `\n${chosen}\n`) : `${code}\n${chosen}\n`;
    },
  };
}

const statementEdit = syntaxMutation('statements', (code, program, language, random) => {
  const blocks = nodesOf(program, node => node.type === AST_NODE_TYPES.BlockStatement && node.body.length > 0) as TSESTree.BlockStatement[];
  if (blocks.length === 0) return undefined;
  const block = random.pick(blocks);
  const statement = random.pick(block.body);
  switch (random.int(3)) {
    case 0:
      return replace(code, statement, '');
    case 1:
      return insertAt(code, statement.range[1], `\n${text(code, statement)}`);
    default: {
      const other = random.pick(block.body);
      if (other === statement) return undefined;
      const [first, second] = statement.range[0] < other.range[0] ? [statement, other] : [other, statement];
      return (
        code.slice(0, first.range[0]) + text(code, second) + code.slice(first.range[1], second.range[0]) + text(code, first) + code.slice(second.range[1])
      );
    }
  }
});

const rename = syntaxMutation('rename', (code, program, language, random) => {
  const identifiers = nodesOf(program, node => node.type === AST_NODE_TYPES.Identifier) as TSESTree.Identifier[];
  const names = [...new Set(identifiers.map(identifier => identifier.name))];
  if (names.length < 2) return undefined;
  const from = random.pick(names);
  const to = random.pick(names);
  if (from === to) return undefined;
  let result = code;
  for (const identifier of identifiers.filter(node => node.name === from).sort((a, b) => b.range[0] - a.range[0])) {
    result = replace(result, identifier, to);
  }
  return result;
});

const thisParameter = syntaxMutation('this', (code, program, language, random) => {
  if (language !== 'ts') return undefined;
  const functions = nodesOf(program, node => node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration) as TSESTree.FunctionExpression[];
  if (functions.length === 0) return undefined;
  const fn = random.pick(functions);
  const open = code.indexOf('(', fn.id ? fn.id.range[1] : fn.range[0]);
  if (open < 0) return undefined;
  return insertAt(code, open + 1, `this: ${random.pick(['void', 'unknown', 'Window'])}${fn.params.length > 0 ? ', ' : ''}`);
});

const toScript = syntaxMutation('commonjs', (code, program) => {
  let result = code;
  for (const statement of [...program.body].reverse()) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    const source = statement.source.raw;
    const defaults = statement.specifiers.find(specifier => specifier.type !== AST_NODE_TYPES.ImportSpecifier);
    const named = statement.specifiers.filter((specifier): specifier is TSESTree.ImportSpecifier => specifier.type === AST_NODE_TYPES.ImportSpecifier);
    const lines: string[] = [];
    if (defaults) lines.push(`const ${defaults.local.name} = require(${source});`);
    if (named.length > 0) {
      const names = named.map(specifier => {
        const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        return imported === specifier.local.name ? imported : `${imported}: ${specifier.local.name}`;
      });
      lines.push(`const { ${names.join(', ')} } = require(${source});`);
    }
    if (lines.length === 0) lines.push(`require(${source});`);
    result = replace(result, statement, lines.join('\n'));
  }
  return result;
});

export function createMutations(donors: () => string): Mutation[] {
  return [
    wrapInContext,
    wrapInContext,
    moveExpression,
    moveExpression,
    moveExpression,
    clashingDeclaration,
    hoistedDeclaration,
    closureAround,
    receiverKind,
    lineEnds,
    tabs,
    comments,
    declarationKind,
    toggleAsync,
    splice(donors),
    statementEdit,
    rename,
    thisParameter,
    toScript,
  ];
}
