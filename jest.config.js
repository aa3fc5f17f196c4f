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

// The store as a user meets it (packages/system-tests) is matched by packages/*/test/e2e above.
const e2e = suite('e2e', 'e2e');

module.exports = {
  projects: [unit, integration, e2e],
};
