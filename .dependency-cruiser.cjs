// Import rules between layers (ARCHITECTURE.md, "Who may import whom"), checked in npm test.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'layers/core imports only layers/core: no SDKs, middy, Powertools, zod, node I/O.',
      severity: 'error',
      from: { path: '^layers/core/' },
      to: { pathNot: '^layers/core/' },
    },
    {
      name: 'ports-import-core-only',
      severity: 'error',
      from: { path: '^layers/ports/' },
      to: { pathNot: '^layers/(core|ports)/' },
    },
    {
      name: 'events-no-io',
      comment: 'events: core, zod and Powertools parser schemas only.',
      severity: 'error',
      from: { path: '^layers/events/' },
      to: { pathNot: '^(layers/(core|events)/|(node_modules/)?(zod|@aws-lambda-powertools/parser)(/|$))' },
    },
    {
      name: 'app-core-and-ports-only',
      severity: 'error',
      from: { path: '^layers/app/' },
      to: { pathNot: '^layers/(core|ports|app)/' },
    },
    {
      name: 'adapters-and-twins-no-app',
      severity: 'error',
      from: { path: '^layers/(adapters|twins)/' },
      to: { path: '^(layers/(app|events|platform)/|functions/)' },
    },
    {
      name: 'only-adapters-import-the-aws-sdk',
      severity: 'error',
      from: { pathNot: '^(layers/adapters/|test/|bench/|scripts/)' },
      to: { path: '^(node_modules/)?@aws-sdk/' },
    },
    {
      name: 'platform-no-adapters-or-app',
      severity: 'error',
      from: { path: '^layers/platform/' },
      to: { path: '^layers/(adapters|app|twins)/' },
    },
    {
      name: 'functions-do-not-import-each-other',
      severity: 'error',
      from: { path: '^functions/([^/]+)/' },
      to: { path: '^functions/', pathNot: '^functions/$1/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '^test/' },
  },
};
