import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import type { BlockingCall } from '../blocking-calls';
import { isFunctionNode } from '../functions';
import { staticPropertyName } from '../imports';
import { someOwnNode } from '../walk';

/** Sync calls that read a whole file: fs's `readFileSync`. */
const WHOLE_FILE_READS: ReadonlySet<string> = new Set(['readFileSync']);

/**
 * The options of `tls.createSecureContext` (and so of every TLS server and client: `https`,
 * `tls.connect`, database and broker clients) that take the contents of a key or certificate file.
 */
const TLS_MATERIAL_OPTIONS: ReadonlySet<string> = new Set(['ca', 'cert', 'key', 'pfx', 'crl', 'dhparam']);

/**
 * "Does this blocking call read a key or certificate for a TLS connection?" —
 * `options.ca = fs.readFileSync(caPath)`, `{ key: readFileSync(keyFile), cert: … }`, or a read
 * pushed onto a list that is then given as `ca`. A key or certificate is a few kilobytes read while
 * a connection or a server is set up, and the TLS handshake that follows costs far more than the
 * read: on real code (an MQTT client's connect, a search engine's client, an HTTPS server's
 * start) owners did not change such reads. Decided from the syntax around the call alone, so that
 * it answers the same in the linted file and in modules read from disk.
 */
export function readsTlsMaterial(call: TSESTree.CallExpression, blocking: BlockingCall): boolean {
  return readsWholeFile(blocking) && givenAsTlsMaterial(call);
}

/** True when the blocking call reads a whole file (`readFileSync`). */
export function readsWholeFile(blocking: BlockingCall): boolean {
  return WHOLE_FILE_READS.has(blocking.path);
}

/**
 * True when the value of `call` becomes a key or certificate of a TLS connection, by the syntax
 * around it (see `readsTlsMaterial`): the value of a whole-file read, or of a sync helper of the
 * file whose one blocking step is such a read (`key: this.#resolveCert(value)`, ioBroker's
 * certificate manager, which reads the file when it is given a path).
 */
export function givenAsTlsMaterial(call: TSESTree.CallExpression): boolean {
  let value: TSESTree.Node = call;
  // `readFileSync(p).toString()`, `readFileSync(p, 'utf8').trim()`: still the file's contents.
  while (
    value.parent?.type === AST_NODE_TYPES.MemberExpression &&
    value.parent.object === value &&
    value.parent.parent?.type === AST_NODE_TYPES.CallExpression &&
    value.parent.parent.callee === value.parent &&
    ['toString', 'trim'].includes(staticPropertyName(value.parent) ?? '')
  ) {
    value = value.parent.parent;
  }
  const parent = value.parent;
  if (!parent) return false;
  // `ca: [readFileSync(a), readFileSync(b)]`
  const held = parent.type === AST_NODE_TYPES.ArrayExpression ? parent : value;
  const holder = held.parent;
  if (holder?.type === AST_NODE_TYPES.Property && holder.value === held) return isTlsOption(holder);
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === held && holder.left.type === AST_NODE_TYPES.MemberExpression) {
    return TLS_MATERIAL_OPTIONS.has(staticPropertyName(holder.left) ?? '');
  }
  // `list.push(readFileSync(p))`, then `{ ca: list }` in the same function.
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(value as TSESTree.CallExpressionArgument)) {
    const callee = parent.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || staticPropertyName(callee) !== 'push' || callee.object.type !== AST_NODE_TYPES.Identifier) return false;
    return givenAsTlsOption(callee.object.name, call);
  }
  return false;
}

function isTlsOption(property: TSESTree.Property): boolean {
  if (property.computed) return property.key.type === AST_NODE_TYPES.Literal && TLS_MATERIAL_OPTIONS.has(String(property.key.value));
  const key = property.key;
  return (key.type === AST_NODE_TYPES.Identifier && TLS_MATERIAL_OPTIONS.has(key.name)) || (key.type === AST_NODE_TYPES.Literal && TLS_MATERIAL_OPTIONS.has(String(key.value)));
}

/** True when the function around `at` gives the variable `name` as a TLS option (`{ ca: name }`, `options.ca = name`). */
function givenAsTlsOption(name: string, at: TSESTree.Node): boolean {
  let fn: TSESTree.Node | undefined = at.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  if (!fn || !isFunctionNode(fn)) return false;
  const isName = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.Identifier && node.name === name;
  return someOwnNode(fn.body, node => {
    if (node.type === AST_NODE_TYPES.Property) return isName(node.value) && isTlsOption(node);
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      return isName(node.right) && TLS_MATERIAL_OPTIONS.has(staticPropertyName(node.left) ?? '');
    }
    return false;
  });
}
