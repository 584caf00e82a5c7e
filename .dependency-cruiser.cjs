/**
 * The layering rules of DESIGN.md, checked by `npm run lint:deps` (part of `npm test`).
 * Paths are relative to the directory cruised (the repo, or a test fixture shaped like it).
 */
const LIBRARIES = '^(eval|models|sandbox|environments|store|report|progress|analysis|hardening|config|contract|util|view)/';

module.exports = {
  forbidden: [
    {
      name: 'workflows-import-activities-as-types-only',
      comment: 'Workflow code is bundled into the deterministic sandbox: activities are proxied by type (proxyActivities<typeof activities>), never imported as values.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: { path: '^activities/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-stay-deterministic',
      comment: 'Workflows import only the contract, the config schemas, other workflow code and the workflow SDK: no I/O libraries, no models, no sandbox.',
      severity: 'error',
      from: { path: '^workflows/' },
      to: {
        pathNot: ['^(workflows|contract|config|activities)/', 'node_modules/@temporalio/(workflow|common)/', 'node_modules/zod/'],
      },
    },
    {
      name: 'contract-is-shared-plain-code',
      comment: 'contract/ is what both Temporal sides import: plain types and message definitions, nothing that does I/O.',
      severity: 'error',
      from: { path: '^contract/' },
      to: { pathNot: ['^(contract|config)/', 'node_modules/@temporalio/(workflow|common)/'] },
    },
    {
      name: 'core-has-no-temporal',
      comment: 'The evaluation core and the libraries know nothing of Temporal; activities adapt them.',
      severity: 'error',
      from: { path: '^(eval|models|sandbox|environments|store|report|progress|analysis|hardening|util|view)/' },
      to: { path: 'node_modules/@temporalio/' },
    },
    {
      name: 'libraries-do-not-import-adapters',
      comment: 'Libraries are used by activities, the CLI and workers, never the other way round.',
      severity: 'error',
      from: { path: LIBRARIES },
      to: { path: '^(activities|workflows|cli|workers)/' },
    },
    {
      name: 'dev-tooling-stays-out-of-the-core',
      comment: 'The simulated API is test and dev tooling (the CLI, tests, benches and the demo start it).',
      severity: 'error',
      from: { path: LIBRARIES },
      to: { path: '^devtools/' },
    },
    {
      name: 'activities-do-not-import-workflows',
      severity: 'error',
      from: { path: '^activities/' },
      to: { path: '^workflows/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|test/fixtures/histories)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
