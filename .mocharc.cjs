// Tests are TypeScript, run through tsx; each suite file names what it covers.
module.exports = {
  spec: ['test/**/*.test.ts'],
  'node-option': ['import=tsx'],
  timeout: 60000,
  reporter: 'spec',
};
