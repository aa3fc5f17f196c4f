/** Three suites: unit (no I/O), integration (against the emulators), e2e (HTTP through the gateway). */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };
const suite = (name, dir) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/services/*/test/${dir}/**/*.test.ts`, `<rootDir>/packages/*/test/${dir}/**/*.test.ts`],
  setupFiles: ['<rootDir>/jest.setup.js'],
});

// The local platform's own tests: scripts/test (unit) and scripts/test/integration.
const unit = suite('unit', 'unit');
unit.testMatch.push('<rootDir>/scripts/test/*.test.ts');
const integration = suite('integration', 'integration');
integration.testMatch.push('<rootDir>/scripts/test/integration/*.test.ts');

const e2e = suite('e2e', 'e2e');
e2e.testMatch.push('<rootDir>/scripts/test/e2e/*.test.ts');

module.exports = {
  projects: [unit, integration, e2e],
};
