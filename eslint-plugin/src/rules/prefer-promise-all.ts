import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/ast-utils';

import { childNodes } from '../util/ast';
import { createRule } from '../util/createRule';
import type { CodeContextName } from '../util/context';
import { contextsOptionSchema } from '../util/context';
import type { DataTarget, Footprint } from '../util/def-use';
import { createFootprints, dependsOn, memberRoot, rootTarget } from '../util/def-use';
import type { FunctionNode } from '../util/functions';
import { getEnclosingFunction, isFunctionNode, resolveLocalFunction } from '../util/functions';
import { resolveName } from '../util/imports';
import { isGlobalAt } from '../util/scope/variables';
import { createIoEvidence } from '../util/io-calls';

/** Where the rule reports by default (see the `contexts` option). */
const DEFAULT_CONTEXTS: CodeContextName[] = ['long-running', 'startup', 'cli'];

export type Options = [
  {
    /** Where the rule reports (see `util/context`). */
    contexts?: CodeContextName[];
    /** Also report awaited expression statements and assignments (`await a(); await b();`). */
    checkExpressionStatements?: boolean;
    /** Report `await` in a `for…of` loop whose iterations are independent. */
    checkLoops?: boolean;
  },
];

export type MessageIds = 'sequentialAwaits' | 'awaitInLoop' | 'usePromiseAll';

/** One `await` statement: `const a = await x();`, `a = await x();` or `await x();`. */
interface AwaitStep {
  statement: TSESTree.Statement;
  operand: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The name bound by `const <name> = await …`, when the statement is exactly that. */
  constName?: string;
  isExpressionStatement: boolean;
}

/** Functions of `fs/promises` that only read: running two of them together changes nothing. */
const FS_READS = new Set(['access', 'lstat', 'readFile', 'readdir', 'readlink', 'realpath', 'stat']);
const FS_MODULES = new Set(['fs/promises']);
/** Modules whose exported calls share no state between calls that order could expose. */
const STATELESS_CLIENT_MODULES = new Set(['axios', 'got', 'undici', 'node-fetch']);

/** How many definitions deep `argumentReads` follows the values an argument is built from. */
const MAX_VALUE_DEPTH = 2;

/** Methods that add a result to a collection. */
const COLLECTING_METHODS = new Set(['add', 'push', 'set', 'unshift']);

const LOOP_TYPES = new Set<string>([
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

function isStartedWork(node: TSESTree.Expression): node is TSESTree.CallExpression | TSESTree.NewExpression {
  return node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression;
}

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The nodes below `root` that run in the same function as `root` (nested functions skipped). */
function* sameFunctionDescendants(
  root: TSESTree.Node,
  visitorKeys: TSESLint.SourceCode['visitorKeys'],
): Generator<TSESTree.Node> {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    for (const child of childNodes(node, visitorKeys)) if (!isFunctionNode(child)) stack.push(child);
  }
}

export default createRule<Options, MessageIds>({
  name: 'prefer-promise-all',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Prefer Promise.all over independent awaits that run one after another',
      recommended: 'strict',
      usesTypeInformation: false,
    },
    hasSuggestions: true,
    messages: {
      sequentialAwaits:
        'These {{count}} awaits do not depend on each other, yet each waits for the one before: run independent work concurrently with await Promise.all([…]).',
      awaitInLoop:
        'Each iteration waits for the previous one although they do not depend on each other: run independent work concurrently with await Promise.all(items.map(async (item) => …)) (with a concurrency limit for long lists).',
      usePromiseAll: 'Await them together with Promise.all',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          contexts: contextsOptionSchema(DEFAULT_CONTEXTS),
          checkExpressionStatements: {
            type: 'boolean',
            description:
              'Also report awaited expression statements and assignments (`await a(); await b();`), which are more often ordered on purpose. Default false.',
          },
          checkLoops: {
            type: 'boolean',
            description: 'Report `await` in a `for…of` loop whose iterations are independent. Default true.',
          },
        },
      },
    ],
  },
  defaultOptions: [{ contexts: DEFAULT_CONTEXTS, checkExpressionStatements: false, checkLoops: true }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const footprintOf = createFootprints(sourceCode);
    // Only remote requests gain from running together: file calls are local and queue anyway,
    // and queries often share one connection or transaction, where order matters.
    const requests = createIoEvidence(sourceCode, { files: false, databases: false });

    /** True when the awaited work is a remote request, made here or by a function of this file. */
    function isRemoteRequest(operand: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
      return requests.isIoCall(operand) || requests.callsIo(operand.callee);
    }

    function awaitStepOf(statement: TSESTree.Statement): AwaitStep | undefined {
      if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
        if (statement.declarations.length !== 1) return undefined;
        const declarator = statement.declarations[0]!;
        const init = declarator.init;
        if (init?.type !== AST_NODE_TYPES.AwaitExpression || !isStartedWork(init.argument)) return undefined;
        const simple =
          statement.kind === 'const' &&
          declarator.id.type === AST_NODE_TYPES.Identifier &&
          !declarator.id.typeAnnotation;
        return {
          statement,
          operand: init.argument,
          constName: simple ? (declarator.id as TSESTree.Identifier).name : undefined,
          isExpressionStatement: false,
        };
      }
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement || options.checkExpressionStatements !== true) {
        return undefined;
      }
      const expression = statement.expression;
      if (expression.type === AST_NODE_TYPES.AwaitExpression && isStartedWork(expression.argument)) {
        return { statement, operand: expression.argument, isExpressionStatement: true };
      }
      if (
        expression.type === AST_NODE_TYPES.AssignmentExpression &&
        expression.operator === '=' &&
        expression.right.type === AST_NODE_TYPES.AwaitExpression &&
        isStartedWork(expression.right.argument)
      ) {
        return { statement, operand: expression.right.argument, isExpressionStatement: false };
      }
      return undefined;
    }

    /** The footprint of a step, including what a local function it calls reads by closure. */
    function stepFootprint(step: AwaitStep): Footprint {
      const own = footprintOf(step.statement);
      const called = resolveLocalFunction(sourceCode, step.operand.callee);
      if (!called) return own;
      const inner = footprintOf(called.body);
      return {
        reads: new Set([...own.reads, ...inner.reads]),
        writes: new Set([...own.writes, ...inner.writes]),
        mutates: new Set([...own.mutates, ...inner.mutates]),
      };
    }

    function fsFunction(callee: TSESTree.Node): string | undefined {
      const name = resolveName(sourceCode, callee);
      if (!name?.source || !FS_MODULES.has(name.source) || name.path.length !== 1) return undefined;
      return name.path[0];
    }

    /** The object a call is made on: a variable, `this`, or a global by name (`db` in `db.users.find()`). */
    function receiverOf(call: TSESTree.CallExpression | TSESTree.NewExpression): DataTarget | string | undefined {
      if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const root = memberRoot(call.callee.object);
      return rootTarget(sourceCode, root) ?? (root.type === AST_NODE_TYPES.Identifier ? `global ${root.name}` : undefined);
    }

    /**
     * Variables the arguments of a call read (not its callee), following the local variables they
     * are built from (`const cmd = 'flux > ' + file`): what the call is given.
     */
    function argumentReads(call: AwaitStep['operand']): Set<DataTarget> {
      const reads = new Set<DataTarget>();
      const pending: TSESTree.Node[] = [...call.arguments];
      for (let depth = 0; depth <= MAX_VALUE_DEPTH && pending.length > 0; depth++) {
        const sources = pending.splice(0);
        for (const source of sources) {
          for (const read of footprintOf(source).reads) {
            if (reads.has(read)) continue;
            reads.add(read);
            const definition = read !== 'this' && read.defs.length === 1 ? read.defs[0] : undefined;
            if (definition?.type === 'Variable' && definition.node.init) pending.push(definition.node.init);
          }
        }
      }
      return reads;
    }

    /** What one awaited call touches and how it is made, for the order test. */
    interface CallFacts {
      footprint: Footprint;
      /** The `fs/promises` function it calls, if any. */
      fs: string | undefined;
      receiver: DataTarget | string | undefined;
      local: FunctionNode | undefined;
      argumentReads: Set<DataTarget>;
      noArguments: boolean;
      /** A call on a stateless HTTP client module, which carries no state from one call to the next. */
      statelessClient: boolean;
    }

    /** The same facts of a group of calls, merged: a new call is tested against the group at once. */
    interface CallsSummary {
      count: number;
      receivers: Set<DataTarget | string>;
      locals: Set<FunctionNode>;
      argumentReads: Set<DataTarget>;
    }

    interface GroupFacts {
      /** The footprints of the steps, merged. */
      footprint: Footprint;
      all: CallsSummary;
      /** The calls that are not to `fs/promises` (two of those are ordered by what they do alone). */
      notFs: CallsSummary;
      fsCalls: number;
      fsWrites: number;
    }

    function emptySummary(): CallsSummary {
      return { count: 0, receivers: new Set(), locals: new Set(), argumentReads: new Set() };
    }

    function emptyGroup(): GroupFacts {
      return { footprint: { reads: new Set(), writes: new Set(), mutates: new Set() }, all: emptySummary(), notFs: emptySummary(), fsCalls: 0, fsWrites: 0 };
    }

    function callFacts(step: AwaitStep): CallFacts {
      const call = step.operand;
      return {
        footprint: stepFootprint(step),
        fs: fsFunction(call.callee),
        receiver: receiverOf(call),
        local: resolveLocalFunction(sourceCode, call.callee),
        argumentReads: argumentReads(call),
        noArguments: call.arguments.length === 0,
        statelessClient: isStatelessClient(call),
      };
    }

    function addToSummary(summary: CallsSummary, call: CallFacts): void {
      summary.count += 1;
      if (call.receiver !== undefined && !call.statelessClient) summary.receivers.add(call.receiver);
      if (call.local !== undefined) summary.locals.add(call.local);
      for (const read of call.argumentReads) summary.argumentReads.add(read);
    }

    function addToGroup(group: GroupFacts, call: CallFacts): void {
      for (const key of ['reads', 'writes', 'mutates'] as const) for (const target of call.footprint[key]) group.footprint[key].add(target);
      addToSummary(group.all, call);
      if (call.fs === undefined) addToSummary(group.notFs, call);
      else {
        group.fsCalls += 1;
        if (!FS_READS.has(call.fs)) group.fsWrites += 1;
      }
    }

    /**
     * True when the call may observe the effects of a call of the group, or they of it: a data
     * dependence between their footprints, or shared state the code does not show. Two `fs/promises`
     * calls are ordered unless both only read; otherwise two calls on the same object
     * (`db.insert()` then `db.select()`), a later call given no arguments, the same local closure
     * twice, or two calls given the same variable (the first may change `options` that the second
     * reads).
     */
    function conflictsWithGroup(call: CallFacts, group: GroupFacts): boolean {
      if (dependsOn(call.footprint, group.footprint)) return true;
      if (call.fs !== undefined && group.fsCalls > 0 && (!FS_READS.has(call.fs) || group.fsWrites > 0)) return true;
      const others = call.fs === undefined ? group.all : group.notFs;
      if (others.count === 0) return false;
      // The same object may carry state from one call to the next, unless it is a stateless HTTP
      // client module (`axios.get(a)` then `axios.get(b)`): those are not in the summary's receivers.
      if (call.receiver !== undefined && !call.statelessClient && others.receivers.has(call.receiver)) return true;
      // A call given nothing reads state the code does not show (a repository, a page), which
      // the earlier call may change.
      if (call.noArguments) return true;
      // A local closure called twice shares whatever it captured.
      if (call.local !== undefined && others.locals.has(call.local)) return true;
      for (const read of call.argumentReads) if (others.argumentReads.has(read)) return true;
      return false;
    }

    function suggestionText(group: AwaitStep[]): string | undefined {
      if (!group.every(step => step.constName !== undefined || step.isExpressionStatement)) return undefined;
      if (group.some(step => step.operand.type === AST_NODE_TYPES.CallExpression && step.operand.optional)) {
        return undefined;
      }
      const first = group[0]!.statement;
      const last = group[group.length - 1]!.statement;
      // Comments among the statements have no place in one call; looked up by position in the token store.
      const span = { range: [first.range[0], last.range[1]] } as TSESTree.Node;
      if (sourceCode.getCommentsInside(span).length > 0) return undefined;
      // `Promise` must be the global one where the statements are (not a local, nor one in its dead zone).
      if (!isGlobalAt(sourceCode, 'Promise', first)) return undefined;
      const operands = group.map(step => sourceCode.getText(step.operand)).join(', ');
      const call = `await Promise.all([${operands}])`;
      if (group.every(step => step.isExpressionStatement)) return `${call};`;
      const names = group.map(step => step.constName ?? '');
      while (names[names.length - 1] === '') names.pop();
      return `const [${names.join(', ')}] = ${call};`;
    }

    function reportGroup(group: AwaitStep[]): void {
      if (group.length < 2) return;
      const first = group[0]!.statement;
      const last = group[group.length - 1]!.statement;
      const text = suggestionText(group);
      context.report({
        node: first,
        loc: { start: first.loc.start, end: last.loc.end },
        messageId: 'sequentialAwaits',
        data: { count: String(group.length) },
        suggest: text === undefined
          ? []
          : [{ messageId: 'usePromiseAll', fix: fixer => fixer.replaceTextRange([first.range[0], last.range[1]], text) }],
      });
    }

    function checkStatements(statements: TSESTree.Statement[]): void {
      let group: AwaitStep[] = [];
      let facts = emptyGroup();
      for (const statement of statements) {
        const step = awaitStepOf(statement);
        if (!step || !isRemoteRequest(step.operand)) {
          reportGroup(group);
          group = [];
          facts = emptyGroup();
          continue;
        }
        const call = callFacts(step);
        if (conflictsWithGroup(call, facts)) {
          reportGroup(group);
          group = [];
          facts = emptyGroup();
        }
        group.push(step);
        addToGroup(facts, call);
      }
      reportGroup(group);
    }

    function nearestLoop(node: TSESTree.Node): TSESTree.Node | undefined {
      for (let current = node.parent; current; current = current.parent) {
        if (isFunctionNode(current)) return undefined;
        if (LOOP_TYPES.has(current.type)) return current;
      }
      return undefined;
    }

    function declaredInside(variable: DataTarget, node: TSESTree.Node): boolean {
      return variable !== 'this' && variable.defs.some(def => contains(node, def.name));
    }

    /** A call on the export of a stateless HTTP client module: `axios.get(url)`, `got.post(url)`. */
    function isStatelessClient(call: AwaitStep['operand']): boolean {
      const name = resolveName(sourceCode, call.callee);
      return name?.source !== undefined && STATELESS_CLIENT_MODULES.has(name.source);
    }

    /** A call whose receiver carries no order between iterations. */
    function hasIndependentReceiver(call: AwaitStep['operand'], loop: TSESTree.ForOfStatement): boolean {
      if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return true;
      const receiver = rootTarget(sourceCode, memberRoot(call.callee.object));
      if (receiver !== undefined && declaredInside(receiver, loop)) return true;
      const fsName = fsFunction(call.callee);
      if (fsName !== undefined) return FS_READS.has(fsName);
      return isStatelessClient(call);
    }

    /**
     * True when the statement only computes or collects: a declaration, an assignment, or
     * `list.push(…)` / `map.set(…)` / `set.add(…)`. Anything else (a log line, a branch, a
     * call for its effect) makes the order of iterations visible.
     */
    function isCollectingStatement(statement: TSESTree.Statement): boolean {
      if (statement.type === AST_NODE_TYPES.VariableDeclaration) return true;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
      const expression = statement.expression;
      if (expression.type === AST_NODE_TYPES.AssignmentExpression) return true;
      return (
        expression.type === AST_NODE_TYPES.CallExpression &&
        expression.callee.type === AST_NODE_TYPES.MemberExpression &&
        !expression.callee.computed &&
        expression.callee.property.type === AST_NODE_TYPES.Identifier &&
        COLLECTING_METHODS.has(expression.callee.property.name)
      );
    }

    /**
     * True when an argument hands every iteration the same object from outside the loop
     * (`build(options, item)`, `save({ context, item })`): each call may change what the next
     * one sees, so the order may matter. Properties of outer objects (`config.projectId`) are
     * values, not shared state.
     */
    function passesSharedValue(argument: TSESTree.Node, loop: TSESTree.ForOfStatement): boolean {
      if (argument.type === AST_NODE_TYPES.ThisExpression) return true;
      if (argument.type === AST_NODE_TYPES.Identifier) {
        const target = rootTarget(sourceCode, argument);
        return target === undefined ? argument.name !== 'undefined' : !declaredInside(target, loop);
      }
      if (argument.type === AST_NODE_TYPES.SpreadElement) return passesSharedValue(argument.argument, loop);
      if (argument.type === AST_NODE_TYPES.ArrayExpression) {
        return argument.elements.some(element => element !== null && passesSharedValue(element, loop));
      }
      if (argument.type === AST_NODE_TYPES.ObjectExpression) {
        return argument.properties.some(property =>
          property.type === AST_NODE_TYPES.SpreadElement
            ? passesSharedValue(property.argument, loop)
            : passesSharedValue(property.value, loop));
      }
      return false;
    }

    function checkLoop(loop: TSESTree.ForOfStatement): void {
      if (loop.await) return;
      const fn = getEnclosingFunction(loop);
      if (loop.left.type !== AST_NODE_TYPES.VariableDeclaration) return;
      const statements = loop.body.type === AST_NODE_TYPES.BlockStatement ? loop.body.body : [loop.body];
      if (!statements.every(isCollectingStatement)) return;
      const awaits: TSESTree.AwaitExpression[] = [];
      for (const node of sameFunctionDescendants(loop.body, sourceCode.visitorKeys)) {
        switch (node.type) {
          case AST_NODE_TYPES.BreakStatement:
          case AST_NODE_TYPES.ContinueStatement:
          case AST_NODE_TYPES.ReturnStatement:
          case AST_NODE_TYPES.YieldExpression:
            // The loop stops or skips on what an iteration found: later iterations depend on earlier ones.
            return;
          case AST_NODE_TYPES.ForOfStatement:
            if (node.await) return;
            break;
          case AST_NODE_TYPES.AwaitExpression:
            // An await in a nested loop belongs to that loop; this one is not simply a list of independent tasks.
            if (nearestLoop(node) !== loop) return;
            awaits.push(node);
            break;
          default:
            break;
        }
      }
      if (awaits.length === 0 || getEnclosingFunction(awaits[0]!) !== fn) return;
      const body = footprintOf(loop.body);
      // A variable from outside written by an iteration carries state into the next one
      // (accumulators, cursors, retry counters).
      for (const written of body.writes) if (!declaredInside(written, loop)) return;
      // Reading the iterated collection while iterating it: a work list that may grow.
      const iterated = rootTarget(sourceCode, memberRoot(loop.right));
      if (iterated !== undefined && body.reads.has(iterated)) return;
      for (const awaited of awaits) {
        const operand = awaited.argument;
        if (!isStartedWork(operand) || !isRemoteRequest(operand)) return;
        // A bare `await step(item);` runs for its effect; the results are not being gathered.
        if (awaited.parent.type === AST_NODE_TYPES.ExpressionStatement) return;
        // Calling each function of a list in turn is a pipeline: `for (const step of steps) await step()`.
        const callee = rootTarget(sourceCode, memberRoot(operand.callee));
        if (callee !== undefined && declaredInside(callee, loop)) return;
        // A function handed in by the caller (`mapper(value)`) may be anything, even one that must run in series.
        if (callee !== undefined && callee !== 'this' && callee.defs.some(def => def.type === 'Parameter')) return;
        const reads = footprintOf(operand).reads;
        // An await that does not depend on the item (a pause, a flush) orders the iterations on purpose.
        if (![...reads].some(variable => declaredInside(variable, loop))) return;
        // Object state an iteration mutates and another reads.
        for (const mutated of body.mutates) if (!declaredInside(mutated, loop) && reads.has(mutated)) return;
        if (!hasIndependentReceiver(operand, loop)) return;
        if (operand.arguments.some(argument => passesSharedValue(argument, loop))) return;
      }
      context.report({ node: awaits[0]!, messageId: 'awaitInLoop' });
    }

    return {
      Program(node) {
        checkStatements(node.body as TSESTree.Statement[]);
      },
      BlockStatement(node) {
        checkStatements(node.body);
      },
      SwitchCase(node) {
        checkStatements(node.consequent);
      },
      ForOfStatement(node) {
        if (options.checkLoops !== false) checkLoop(node);
      },
    };
  },
});
