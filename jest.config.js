/** Three suites: unit (no I/O), integration (against the emulators), e2e (HTTP through the gateway). */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };
const suite = (name, dir) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/services/*/test/${dir}/**/*.test.ts`, `<rootDir>/packages/*/test/${dir}/**/*.test.ts`],
  setupFiles: ['<rootDir>/jest.setup.js'],
});

module.exports = {
  projects: [suite('unit', 'unit'), suite('integration', 'integration'), suite('e2e', 'e2e')],
};
