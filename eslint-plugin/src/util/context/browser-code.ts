import * as fs from 'node:fs';
import * as path from 'node:path';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-utils';

import { isFunctionNode } from '../functions';
import { calleeName } from '../imports';
import type { PackageManifest } from '../project/package-manifest';
import { nearestPackageManifest } from '../project/package-manifest';
import { SERVER_FRAMEWORKS, SERVER_RENDERING_FRAMEWORKS } from '../project/server-frameworks';

/**
 * Globals only a browser (or a browser-like test environment) gives: a file that reads one runs
 * in a page. Node has `navigator` since 21, so it is not among them.
 */
const DOM_GLOBALS: ReadonlySet<string> = new Set(['window', 'document', 'localStorage', 'sessionStorage']);

/**
 * Packages whose code runs only in a page: user-interface frameworks that render to the DOM, and
 * jQuery. (`react` alone is not among them: servers and React Native render it too; nor is
 * `react-dom/server`.)
 */
const BROWSER_ONLY_PACKAGES: ReadonlySet<string> = new Set(['vue', 'vue-router', 'vuex', 'pinia', 'react-dom', 'preact', 'svelte', 'solid-js', 'jquery', '@angular/platform-browser']);

/** True when the file imports a value from a package that runs only in a page (`import { nextTick } from 'vue'`). */
function importsBrowserOnlyPackage(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return sourceCode.ast.body.some(statement => {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') return false;
    const specifier = statement.source.value;
    if (specifier === 'react-dom/server' || specifier.startsWith('react-dom/server.')) return false;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    return BROWSER_ONLY_PACKAGES.has(name);
  });
}

/** Stylesheets a bundler (webpack, Vite, Parcel) loads into the page when a module imports them. */
const STYLESHEET = /\.(?:css|scss|sass|less|styl|pcss)$/i;

/**
 * True when the module loads a stylesheet at its top level (`import './app.scss'`,
 * `require('./app.css')`, `import('icons.css')`): only a bundler makes a module of a stylesheet, for
 * a page, so the module is the page's (Wiki.js's `client/index-setup.js`). Not decided so in a
 * package whose framework also renders on a server (Next.js's `layout.tsx` imports its CSS too).
 */
function importsStylesheet(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const isStylesheet = (node: TSESTree.Node | undefined): boolean =>
    node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && STYLESHEET.test(node.value);
  return sourceCode.ast.body.some(statement => {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) return statement.importKind !== 'type' && isStylesheet(statement.source);
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
    const expression = statement.expression;
    if (expression.type === AST_NODE_TYPES.ImportExpression) return isStylesheet(expression.source);
    return (
      expression.type === AST_NODE_TYPES.CallExpression &&
      expression.callee.type === AST_NODE_TYPES.Identifier &&
      expression.callee.name === 'require' &&
      isStylesheet(expression.arguments[0])
    );
  });
}

/** Development servers of single-page apps: a package built by one, with a page at its root, is a browser bundle. */
const SPA_BUILD_TOOLS = ['vite', 'react-scripts', 'parcel', '@vue/cli-service', 'webpack-dev-server'];

/** Frameworks that also run the package's code on a server (rendering, routes): not a browser-only bundle. */
const RUNS_ON_A_SERVER: readonly string[] = [...SERVER_RENDERING_FRAMEWORKS, ...SERVER_FRAMEWORKS];

/** By manifest (read again when its package.json changes): whether the package is a single-page app. */
const singlePageApps = new WeakMap<PackageManifest, boolean>();

/**
 * True when the package is a single-page app: its root holds the page (`index.html`), a dev server
 * builds it (Vite, Create React App, Parcel, Vue CLI, webpack's), and no framework of its runs code
 * on a server. Every module of such a package ends up in the browser.
 */
function isSinglePageApp(manifest: PackageManifest): boolean {
  let known = singlePageApps.get(manifest);
  if (known === undefined) {
    const dependencies = manifest.dependencies;
    known =
      SPA_BUILD_TOOLS.some(tool => dependencies.has(tool)) &&
      !RUNS_ON_A_SERVER.some(framework => dependencies.has(framework)) &&
      fs.existsSync(path.join(manifest.dir, 'index.html'));
    singlePageApps.set(manifest, known);
  }
  return known;
}

/**
 * Methods of browser-automation libraries that run the function they are given in the page
 * (Puppeteer's and Playwright's `evaluate`, `$eval`, `waitForFunction`; WebdriverIO's `execute`;
 * Selenium's `executeScript`): the DOM globals such a function reads are the page's, while the
 * file runs in Node.
 */
const RUNS_IN_PAGE: ReadonlySet<string> = new Set([
  'evaluate',
  'evaluateHandle',
  'evaluateOnNewDocument',
  '$eval',
  '$$eval',
  'waitForFunction',
  'addInitScript',
  'execute',
  'executeAsync',
  'executeScript',
  'executeAsyncScript',
]);

/** True when `node` is inside a function handed to a method that runs it in the page. */
function insidePageFunction(node: TSESTree.Node): boolean {
  for (let child: TSESTree.Node = node, current = node.parent; current; child = current, current = current.parent) {
    if (current.type !== AST_NODE_TYPES.CallExpression || !current.arguments.includes(child as TSESTree.CallExpressionArgument)) continue;
    if (!isFunctionNode(child)) continue;
    const name = calleeName(current.callee);
    if (name !== undefined && RUNS_IN_PAGE.has(name)) return true;
  }
  return false;
}

/**
 * True when the file uses a DOM global (`document`, `window`) that it does not declare itself. A
 * test of its presence (`typeof window !== 'undefined'`) does not count: code written for both
 * Node and browsers makes it; nor does a read in a function a browser-automation library runs in
 * the page (`page.evaluate(() => document.title)`).
 */
function readsDomGlobal(sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return false;
  const uses = (reference: TSESLint.Scope.Reference): boolean => {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof') return false;
    return !insidePageFunction(reference.identifier);
  };
  if (globalScope.through.some(reference => DOM_GLOBALS.has(reference.identifier.name) && uses(reference))) return true;
  // Globals a config declares (`globals.browser`) are variables of the global scope, with no definition in the file.
  for (const name of DOM_GLOBALS) {
    const variable = globalScope.set.get(name);
    if (variable && variable.defs.length === 0 && variable.references.some(uses)) return true;
  }
  return false;
}

/** By folder: whether it holds a page (`index.html`). Folders of a project do not come and go while it is linted. */
const pageFolders = new Map<string, boolean>();

function holdsPage(folder: string): boolean {
  let known = pageFolders.get(folder);
  if (known === undefined) {
    known = fs.existsSync(path.join(folder, 'index.html'));
    pageFolders.set(folder, known);
  }
  return known;
}

/**
 * True when a folder between the file and its package's root holds a page (`client/index.html`
 * above `client/js/socket-events/part.ts`, The Lounge's): the folder is the page's source, whatever
 * the package around it serves. (The package's root is the single-page app's check.)
 */
function underPageFolder(filename: string, manifest: PackageManifest): boolean {
  for (let folder = path.dirname(filename); folder !== manifest.dir && folder.startsWith(manifest.dir + path.sep); folder = path.dirname(folder)) {
    if (holdsPage(folder)) return true;
  }
  return false;
}

/**
 * True when the file is front-end code that runs in a browser page: it uses the DOM's globals, it
 * imports a user-interface framework that renders to the DOM or a stylesheet, it lies under a
 * folder that holds a page, or it belongs to a single-page app.
 * What fails there is reported in the page's console and ends nothing; a request holds nothing
 * shared: one tab waits, in front of its user, who can reload it.
 */
export function runsInBrowser(sourceCode: Readonly<TSESLint.SourceCode>, filename: string | undefined): boolean {
  if (readsDomGlobal(sourceCode) || importsBrowserOnlyPackage(sourceCode)) return true;
  const manifest = filename === undefined ? undefined : nearestPackageManifest(filename);
  if (importsStylesheet(sourceCode) && !SERVER_RENDERING_FRAMEWORKS.some(framework => manifest?.dependencies.has(framework))) return true;
  return manifest !== undefined && (underPageFolder(filename!, manifest) || isSinglePageApp(manifest));
}
