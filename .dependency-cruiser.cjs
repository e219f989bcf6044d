/**
 * Module boundaries (brief §3), checked by `npm run arch` in CI. scripts/check-arch-bites.mjs
 * proves on a fixture that the rules fail a bad import.
 */
const FRAMEWORKS = '^(@nestjs|@prisma|prisma|ioredis|bullmq|pg|express|@opentelemetry|pino|nestjs-)';

module.exports = {
  forbidden: [
    {
      name: 'lib-internals-only-through-index',
      comment:
        'Apps and libs import another lib only through its public index.ts (`@leadflow/<lib>`), never its internals.',
      severity: 'error',
      from: { path: '^(apps|libs)/([^/]+)/' },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/[^/]+/src/index\\.ts$', '^libs/$2/'] },
    },
    {
      name: 'routing-engine-is-pure',
      comment:
        'The routing engine imports no other lib and no framework: leads and snapshots in, decisions out.',
      severity: 'error',
      from: { path: '^libs/routing-engine/' },
      to: { path: ['^libs/(?!routing-engine/)', '^apps/'] },
    },
    {
      name: 'routing-engine-no-packages',
      comment: 'The routing engine depends on no npm package at run time (test tools aside).',
      severity: 'error',
      from: { path: '^libs/routing-engine/', pathNot: '\\.(spec|int-spec)\\.ts$|/test/|/bench/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer'] },
    },
    {
      name: 'pure-libs-no-frameworks',
      comment: 'Field mapping and the routing engine stay free of Nest, Prisma, Redis, queues and HTTP.',
      severity: 'error',
      from: { path: '^libs/(field-mapping|routing-engine)/' },
      to: { path: `node_modules/${FRAMEWORKS.slice(1)}` },
    },
    {
      name: 'adapters-never-import-each-other',
      comment: 'A CRM adapter knows its own provider only; shared mechanisms live in libs/crm.',
      severity: 'error',
      from: { path: '^libs/crm-([^/]+)/' },
      to: { path: '^libs/crm-[^/]+/', pathNot: '^libs/crm-$1/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-never-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'console-only-through-the-api',
      comment:
        'The web console runs in the browser and talks to the API over HTTP only: no server lib, no Node built-in.',
      severity: 'error',
      from: { path: '^apps/console/src/' },
      to: { path: '^libs/' },
    },
    {
      name: 'console-no-node-builtins',
      severity: 'error',
      from: { path: '^apps/console/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { pathNot: '^libs/database/generated/' },
      to: { circular: true, pathNot: '^libs/database/generated/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^node_modules/|^apps/console/dist/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      // Types-only packages (@graphql-typed-document-node/core) have an empty `main` and `typings`.
      mainFields: ['main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
