// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', 'bin/**', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Activities implement async interfaces; some answer from memory.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed: it may import only the workflow SDK, the shared domain module and
    // other workflow files; never Node builtins, mail, the clock library or the time-zone database.
    // Activity, calendar and notification modules may be imported for their types only.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(?!@temporalio/workflow$|\\./|(\\.\\./)+domain(/|$)|\\.\\./(activities|calendar|documents|notifications)(/|$)).*$',
              message:
                'workflow code may import only @temporalio/workflow, ../domain and other workflow files.',
            },
            {
              regex: '^\\.\\./(activities|calendar|documents|notifications)(/|$)',
              allowTypeImports: true,
              message:
                'workflows import activities, calendar, documents and notifications as `import type` only; call them through proxyActivities.',
            },
          ],
        },
      ],
    },
  },
  {
    // A definitions module is the contract clients import: only the workflow SDK and domain types.
    files: ['workflows/definitions/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/workflow$|\\.\\./\\.\\./domain/).*$',
              message: 'a definitions module imports only @temporalio/workflow and ../../domain.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: rules, schemas and identities that workflows, activities, CLI and tests all
    // import. It touches no clock library, time-zone database, mail, disk, network or Temporal client.
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|@temporalio/common$|\\./).*$',
              message: 'domain code may import only zod, @temporalio/common and other domain files.',
              // A type (the catalogs' message keys) is erased when compiled: it loads nothing.
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Everything that is not a workflow talks to workflows through their definitions modules.
    files: [
      'activities/**/*.ts',
      'cli/**/*.ts',
      'clients/**/*.ts',
      'portal/**/*.ts',
      'scripts/**/*.ts',
      'store/**/*.ts',
      'test/**/*.ts',
      'workers/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)workflows/(?!definitions/)',
              message:
                "import a workflow's contract from workflows/definitions/, never its implementation (the worker bundles workflows/index.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain-Node CommonJS scripts that must run before the packages are installed.
    files: ['scripts/**/*.js', 'workers/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
