// Lint: typescript-eslint recommended, plus the team's test rules (no focused, skipped or todo tests).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.serverless/', '.esbuild/', '.bench/', 'coverage/', 'dist/', '.dependency-cruiser.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', performance: 'readonly', structuredClone: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip|todo|skipIf|runIf)$/]",
          message: 'No focused, skipped or todo tests: a test must run and be able to fail.',
        },
        {
          selector: "CallExpression[callee.name=/^(xit|xdescribe|fit|fdescribe)$/]",
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
  {
    // CommonJS resolvers that `serverless package` loads (osls resolves ${file(...)} with require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['layers/core/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'core never reads the real clock: take now as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core never reads the real clock: take now as an argument.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'core uses no unseeded randomness.' },
        { selector: "MemberExpression[object.name='process']", message: 'core never reads the environment.' },
      ],
    },
  },
);
