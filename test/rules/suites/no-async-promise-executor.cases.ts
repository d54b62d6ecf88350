/**
 * ESLint's `no-async-promise-executor` test suite (tests/lib/rules/no-async-promise-executor.js,
 * MIT licence, © OpenJS Foundation and other contributors), ported as data. Nothing left out.
 */
import type { PortedCase } from './no-misused-promises-void-return.cases';

export const valid: PortedCase[] = [
  { code: 'new Promise((resolve, reject) => {})' },
  { code: 'new Promise((resolve, reject) => {}, async function unrelated() {})' },
  { code: 'new Foo(async (resolve, reject) => {})' },
];

export const invalid: PortedCase[] = [
  { lines: [1], code: 'new Promise(async function foo(resolve, reject) {})' },
  { lines: [1], code: 'new Promise(async (resolve, reject) => {})' },
  { lines: [1], code: 'new Promise(((((async () => {})))))' },
];
