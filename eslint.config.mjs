// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noHttpExceptions = {
  selector: 'NewExpression[callee.name=/Exception$/]',
  message: 'A lib never throws HttpException; throw a DomainError.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.data/',
      'openapi/',
      'apps/web/dist/',
      'apps/web/src/generated/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-console': 'error',
      // A lib exposes only its index.ts.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@app/*/*'],
              message: 'Import a lib through its index (@app/<lib>), never a deep path.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.test-utils.ts'],
    rules: {
      'no-restricted-syntax': ['error', noHttpExceptions],
    },
  },
  {
    files: ['libs/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Take the time from a Clock.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take the time from a Clock.',
        },
        noHttpExceptions,
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', message: 'The domain is pure TypeScript.' },
            { name: 'pg', message: 'The domain is pure TypeScript.' },
            { name: '@nestjs/common', message: 'The domain is pure TypeScript.' },
          ],
        },
      ],
    },
  },
  // The web client (apps/web): browser code with React's hook rules; its tools run on Node.
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      // Only about what the React Compiler would skip; the app is not built with it.
      'react-hooks/preserve-manual-memoization': 'off',
    },
  },
  {
    files: ['apps/web/scripts/**/*.mjs', 'apps/web/tooling/**/*.mts', 'apps/web/*.mts'],
    languageOptions: { globals: globals.node },
  },
);
