import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import type { BlockingCall } from '../blocking-calls';
import { lookUp } from '../declarations/scopes';
import { calleeName, skipTypeWrappers } from '../imports';
import { someOwnNode } from '../walk';

/** Sync calls that read a whole file: fs's `readFileSync`, fs-extra's `readJsonSync`. */
const WHOLE_FILE_READS: ReadonlySet<string> = new Set(['readFileSync', 'readJsonSync', 'readJSONSync']);

/** Calls that build a path or a file URL from their last argument (`path.join(dir, 'package.json')`). */
const PATH_BUILDERS: ReadonlySet<string> = new Set(['join', 'resolve', 'normalize', 'pathToFileURL', 'fileURLToPath']);

const MANIFEST_NAME = /(?:^|[\\/])package\.json$/;

/** How many constants are followed to the path they hold. */
const MAX_CONSTANT_DEPTH = 3;

/**
 * "Does this blocking call read a package's manifest?" — `readFileSync(path.join(dir,
 * 'package.json'))`: a file of a few kilobytes whose size the package bounds, read in
 * microseconds (a plugin's `package.json` read while it is linked, the server's own version read
 * for a log line). On real code owners did not change such reads; the reads of data around them
 * are what block. Decided from the syntax alone, so that it answers the same for the linted file
 * and for modules read from disk: the path is written in place, or held by a constant.
 */
export function readsPackageManifest(call: TSESTree.CallExpression, blocking: BlockingCall): boolean {
  if (!WHOLE_FILE_READS.has(blocking.path)) return false;
  const first = call.arguments[0];
  return first !== undefined && namesPackageManifest(first, 0);
}

function namesPackageManifest(node: TSESTree.Node, depth: number): boolean {
  const value = skipTypeWrappers(node);
  switch (value.type) {
    case AST_NODE_TYPES.Literal:
      return typeof value.value === 'string' && MANIFEST_NAME.test(value.value);
    case AST_NODE_TYPES.TemplateLiteral: {
      const last = value.quasis[value.quasis.length - 1]?.value.cooked;
      return typeof last === 'string' && MANIFEST_NAME.test(last);
    }
    case AST_NODE_TYPES.BinaryExpression:
      return value.operator === '+' && namesPackageManifest(value.right, depth);
    case AST_NODE_TYPES.NewExpression:
      // `new URL('../package.json', import.meta.url)`
      return value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'URL' && value.arguments[0] !== undefined && namesPackageManifest(value.arguments[0], depth);
    case AST_NODE_TYPES.CallExpression: {
      const name = calleeName(value.callee);
      const last = value.arguments[value.arguments.length - 1];
      return name !== undefined && PATH_BUILDERS.has(name) && last !== undefined && namesPackageManifest(last, depth);
    }
    case AST_NODE_TYPES.Identifier: {
      if (depth >= MAX_CONSTANT_DEPTH) return false;
      const found = lookUp(value.name, value, 'value');
      if (found?.kind !== 'declarations' || found.nodes.length !== 1) return false;
      // A variable is declared by the identifier it binds: `const file = path.join(…)`.
      const declarator = found.nodes[0]!.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id !== found.nodes[0]) return false;
      if (declarator.parent.kind !== 'const' || declarator.init === null) return false;
      return namesPackageManifest(declarator.init, depth + 1);
    }
    default:
      return false;
  }
}

/** True when `node`, a path given to a read, names a package manifest (see `readsPackageManifest`). */
export function namesPackageManifestPath(node: TSESTree.Node): boolean {
  return namesPackageManifest(node, 0);
}

/**
 * The index of `fn`'s parameter that `call`, a whole-file read in `fn`'s own body, takes as its
 * path as written, when nothing in `fn` assigns that parameter: a helper that reads whichever file
 * its caller names (release-it's `readJSON = file => JSON.parse(fs.readFileSync(file, 'utf8'))`).
 * Called with a package manifest's path, such a helper reads that manifest and nothing else.
 */
export function pathParameterRead(fn: TSESTree.FunctionLike, call: TSESTree.CallExpression, blocking: BlockingCall): number | undefined {
  return WHOLE_FILE_READS.has(blocking.path) ? forwardedParameter(fn, call, 0) : undefined;
}

/**
 * The index of `fn`'s parameter that `call`, in `fn`'s own body, gets as its argument at
 * `argumentIndex`, as written and never assigned in `fn` (`loadConfig(file)` calling
 * `readConfig(file)`): the caller's value reaches the callee unchanged.
 */
export function forwardedParameter(fn: TSESTree.FunctionLike, call: TSESTree.CallExpression, argumentIndex: number): number | undefined {
  const argument = call.arguments[argumentIndex];
  if (argument?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const found = lookUp(argument.name, argument, 'value');
  if (found?.kind !== 'parameter' || found.fn !== fn || found.node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const index = fn.params.indexOf(found.node);
  if (index < 0 || !fn.body) return undefined;
  const name = argument.name;
  const assigned = someOwnNode(
    fn.body,
    node =>
      (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.Identifier && node.left.name === name) ||
      (node.type === AST_NODE_TYPES.UpdateExpression && node.argument.type === AST_NODE_TYPES.Identifier && node.argument.name === name),
    () => true,
  );
  return assigned ? undefined : index;
}
