import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import core from './packages/core/package.json' with { type: 'json' };

// The shared package is imported by concern only (`@estore/core/http`, `/aws`, ...): there is no
// barrel, and no deep import into its files, so a function's bundle holds only what it runs.
const coreEntryPoints = Object.keys(core.exports).map((entry) => entry.slice(2));
const coreImports = {
  regex: `^@estore/core(?!/(${coreEntryPoints.join('|')})$)`,
  message: `Import the shared package through one of its entry points: ${coreEntryPoints.map((entry) => `@estore/core/${entry}`).join(', ')}.`,
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.esbuild/**', '**/.serverless/**', '**/dist/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        require: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [coreImports] }] },
  },
  {
    // Request paths never Scan: every list is a Query with a cursor (see docs/data-model.md).
    files: ['services/*/src/**/*.ts', 'packages/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@aws-sdk/client-dynamodb',
              importNames: ['ScanCommand', 'ParallelScanCommand'],
              message: 'No Scan on a request path: use a Query.',
            },
            {
              name: '@aws-sdk/lib-dynamodb',
              importNames: ['ScanCommand'],
              message: 'No Scan on a request path: use a Query.',
            },
          ],
          patterns: [coreImports],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='scan']", message: 'No Scan on a request path: use a Query.' },
      ],
    },
  },
  {
    // The domain is pure: rules only, no AWS SDK.
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@aws-sdk/*'], message: 'The domain never touches AWS: keep SDK calls in repositories.' },
            coreImports,
          ],
        },
      ],
    },
  },
);
