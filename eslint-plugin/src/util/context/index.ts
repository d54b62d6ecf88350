export type { CodeContextModel, CodeContextName, FileContextName } from './code-context';
export { CODE_CONTEXT_NAMES, getCodeContext } from './code-context';
export { contextsOptionSchema, withCodeContextFilter } from './contexts-option';
export { isTestPath, registrarName, TEST_REGISTRARS } from './test-code';
