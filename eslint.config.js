// The layering of Cluster Insight, enforced here (after VS Code's common/node/electron-main/browser rule):
//
//   renderer/            -> agent-core/contract/ only (no Node built-ins, no other code of ours)
//   agent-core/contract/ -> nothing of ours, no Node built-ins (it is shared with the browser)
//   agent-core/          -> agent-core/ (and sim/ from agent-core/cli/ and tests alone: testcluster, demo mode, test servers)
//   sim/                 -> agent-core/contract/ only (a stand-in cluster, usable by any layer's tests)
//   electron/            -> agent-core/
//
// Nothing imports electron/, renderer/ or e2e/ except themselves.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const importsOf = (name) => [`**/${name}/**`, `**/${name}`];
const layer = (files, { paths = [], patterns = [] }, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map((name) => ({ name, message })),
        patterns: patterns.length ? [{ group: patterns, message }] : [],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', '**/dist/', 'out/', 'release/', 'test-results/', 'playwright-report/', '.scratch/', 'bench/.children-*/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly', AbortController: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(
    ['agent-core/**/*.ts'],
    {
      paths: ['electron', 'react', 'react-dom', 'zustand', 'recharts'],
      patterns: [...importsOf('electron'), ...importsOf('renderer'), ...importsOf('e2e'), ...importsOf('sim')],
    },
    'agent-core must not import electron, React or renderer code, nor sim/ outside agent-core/cli (see eslint.config.js).',
  ),
  layer(
    // Tests compose layers as the CLI does: they may stand up sim/'s clusters and certificates.
    ['agent-core/cli/**/*.ts', 'agent-core/**/*.test.ts', 'agent-core/**/test-support/**/*.ts', 'agent-core/**/testing/**/*.ts'],
    {
      paths: ['electron', 'react', 'react-dom', 'zustand', 'recharts'],
      patterns: [...importsOf('electron'), ...importsOf('renderer'), ...importsOf('e2e')],
    },
    'the CLI composes agent-core and sim only (see eslint.config.js).',
  ),
  layer(
    ['agent-core/contract/**/*.ts'],
    { paths: nodeBuiltins, patterns: ['../*', '!../contract/*', ...importsOf('sim')] },
    'the contract is shared with the browser: it imports no Node built-in and nothing else of ours.',
  ),
  layer(
    ['sim/**/*.ts'],
    {
      patterns: ['**/agent-core/*', '!**/agent-core/contract', '**/agent-core/*/**', '!**/agent-core/contract/**', ...importsOf('electron'), ...importsOf('renderer'), ...importsOf('e2e')],
    },
    'sim/ stands alone: of ours it imports only agent-core/contract (pure, shared definitions).',
  ),
  layer(
    ['electron/**/*.ts'],
    { paths: ['react', 'react-dom'], patterns: [...importsOf('renderer'), ...importsOf('sim'), ...importsOf('e2e')] },
    'electron/ builds on agent-core only.',
  ),
  {
    // Which better-sqlite3 build opens a file depends on the runtime (Node-API 13, or 12 on Node 20 and in Electron):
    // agent-core/store/sqlite-driver.ts picks it; everything else imports only its types.
    files: ['**/*.{ts,mts}'],
    ignores: ['agent-core/store/sqlite-driver.ts', 'agent-core/store/better-sqlite3-napi.d.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value=/^better-sqlite3/][importKind!='type']",
          message: 'Open SQLite files with SqliteDatabase from agent-core/store/sqlite-driver.ts; import only types from better-sqlite3.',
        },
      ],
    },
  },
  layer(
    ['renderer/**/*.{ts,tsx}'],
    {
      paths: [...nodeBuiltins, 'electron', '@kubernetes/client-node', 'better-sqlite3'],
      patterns: [...importsOf('electron'), ...importsOf('sim'), ...importsOf('e2e'), '**/agent-core/*', '!**/agent-core/contract', '**/agent-core/*/**', '!**/agent-core/contract/**'],
    },
    'the renderer speaks to the core only through agent-core/contract, and uses no Node API.',
  ),
);
