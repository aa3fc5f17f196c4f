/** Three suites: unit (no I/O), integration (against the emulators), e2e (HTTP through the gateway). */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };
const suite = (name, dir) => ({
  displayName: name,
  testEnvironment: 'node',
  transform,
  testMatch: [`<rootDir>/services/*/test/${dir}/**/*.test.ts`, `<rootDir>/packages/*/test/${dir}/**/*.test.ts`],
  setupFiles: ['<rootDir>/jest.setup.js'],
});

const unit = suite('unit', 'unit');
unit.testMatch.push('<rootDir>/scripts/test/**/*.test.ts');

module.exports = {
  projects: [unit, suite('integration', 'integration'), suite('e2e', 'e2e')],
};
