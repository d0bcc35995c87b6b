// @ts-check
import { builtinModules } from 'node:module';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Every Node built-in, as `x` and as `node:x`; the pattern below adds the ones only reachable with the
// prefix (node:test, node:sqlite, node:sea), which `builtinModules` does not list.
const NODE_BUILTINS = builtinModules.flatMap((name) =>
  name.startsWith('node:') ? [name] : [name, `node:${name}`],
);

/** Files whose SQL still has to move into query classes; each moves out of this list when done. */
const SQL_NOT_YET_IN_QUERY_CLASSES = [
];

export default tseslint.config(
  {
    ignores: [
      'apps/web/src/api/schema.d.ts',
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.tools/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Workflow code is replayed: it must be deterministic and free of I/O. libs/domain and
    // libs/contracts are bundled into the workflows, so the same rules hold there.
    files: ['workflows/**/*.ts', 'libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: ['**/*.spec.ts', 'workflows/test/**', 'workflows/common/workflow-time.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({
            name,
            message: 'Workflow code may not use Node built-ins.',
          })),
          patterns: [
            {
              group: [
                'node:*',
                ...NODE_BUILTINS.filter((name) => name.startsWith('node:')).map((name) => `!${name}`),
              ],
              message: 'Workflow code may not use Node built-ins.',
            },
            {
              group: ['typeorm', 'pg', '@nestjs/*', 'nestjs-pino', 'pino'],
              message: 'Workflow code may not do I/O: use an activity.',
            },
            {
              group: ['@temporalio/activity', '@temporalio/client', '@temporalio/worker'],
              message: 'Workflows import only @temporalio/workflow and @temporalio/common.',
            },
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'Import activities by type only.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read time through workflows/common/workflow-time.ts.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Use uuid4() or inputs from @temporalio/workflow.',
        },
        {
          selector: "CallExpression[callee.name='setTimeout']",
          message: 'Use sleep() or condition() from @temporalio/workflow.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read time through workflows/common/workflow-time.ts.',
        },
      ],
    },
  },
  {
    // The SQL of the API and the activities lives in the query classes of libs/database
    // (libs/database/src/queries.ts); services and activities orchestrate and hold none.
    files: ['apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts', 'activities/**/*.ts'],
    ignores: ['**/*.spec.ts', ...SQL_NOT_YET_IN_QUERY_CLASSES],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'CallExpression[callee.property.name=/^(getRepository|createQueryBuilder|getTreeRepository)$/]',
          "CallExpression[callee.property.name='query'][callee.object.name=/^(dataSource|manager|em|entityManager|db|pool|client|queryRunner|runner)$/]",
          "CallExpression[callee.property.name='query'][callee.object.property.name=/^(dataSource|manager|db|pool)$/]",
          "CallExpression[callee.object.name=/^(manager|em|entityManager)$/][callee.property.name!='transaction']",
          "CallExpression[callee.object.property.name='manager']",
          "Decorator[expression.callee.name='InjectRepository']",
        ].map((selector) => ({
          selector,
          message: 'SQL belongs in a query class of libs/database (libs/database/src/queries.ts).',
        })),
      ],
    },
  },
);
