// The language client library, bundled on its own (dist/language-client.js): the extension's
// main module stays small, and this file is loaded once activation has returned.
export { LanguageClient, State } from 'vscode-languageclient/node';
