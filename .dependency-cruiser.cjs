/**
 * The layers of hwaas and the direction of the domain's subdomains, checked by
 * `npm run lint` (ARCHITECTURE.md describes them). An import against them fails lint.
 */
const SUBDOMAINS = ['kernel', 'parties', 'catalog', 'quoting', 'ordering', 'lifecycle'];

/** Each subdomain imports only the ones before it: kernel ← parties ← catalog ← quoting ← ordering ← lifecycle. */
const subdomainRules = SUBDOMAINS.map((name, index) => ({
  name: `domain-${name}-direction`,
  comment: `src/domain/${name} imports only ${SUBDOMAINS.slice(0, index).join(', ') || 'nothing of the other subdomains'} (and the term engine)`,
  severity: 'error',
  from: { path: `^src/domain/${name}/`, pathNot: '\\.test\\.ts$' },
  to: { path: `^src/domain/(${[...SUBDOMAINS.slice(index + 1), 'imports', 'setup'].join('|')})/` },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'modules that import each other in a loop', from: { path: '^src/' }, to: { circular: true } },
    {
      name: 'terms-are-pure',
      comment: 'the term engine imports nothing but itself and the errors',
      severity: 'error',
      from: { path: '^src/terms/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/', pathNot: '^src/(terms/|errors\\.ts$)' },
    },
    {
      name: 'domain-below-the-rest',
      comment: 'the domain knows no command line, transport, storage backend, file format or view',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(cli|commands|store|export|import|app|views|server|client)/' },
    },
    ...subdomainRules,
    {
      name: 'nothing-imports-imports-or-setup',
      comment: 'the import kinds and the seed sit on top of the subdomains: only they import each other',
      severity: 'error',
      from: { path: '^src/domain/(kernel|parties|catalog|quoting|ordering|lifecycle)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/domain/(imports|setup)/' },
    },
    {
      name: 'use-cases-below-the-transports',
      comment: 'the use cases know no command line, server or client, and are given their store: they never pick a backend',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(cli|commands|server|client|store)/' },
    },
    {
      name: 'views-draw-values',
      comment: 'JSON shapes and text renderings are drawn from values: they read no store and know no use case, transport or command line',
      severity: 'error',
      from: { path: '^src/views/' },
      to: { path: '^src/(cli|commands|app|store|server|client|export|import)/' },
    },
    {
      name: 'commands-through-use-cases',
      comment: 'a command asks the use cases, not the store (init, serve and db work on the store itself)',
      severity: 'error',
      from: { path: '^src/commands/', pathNot: '^src/commands/(init\\.ts|serve\\.ts|db/)' },
      to: { path: ['^src/store/', '^src/domain/kernel/port\\.ts$', '^src/app/local/'] },
    },
    {
      name: 'store-implements-the-port',
      comment: 'the store implements the domain port; it knows no command line, transport, view or use case',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(cli|commands|app|views|server|client|export|import)/' },
    },
    {
      name: 'formats-below-the-cli',
      comment: 'file writers and readers know no command line, store or use case',
      severity: 'error',
      from: { path: '^src/(export|import)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(cli|commands|store|app|server|client)/' },
    },
    {
      name: 'cli-below-commands',
      comment: 'the command line plumbing never imports a command',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: '^src/cli/(main|program|completion)\\.ts$' },
      to: { path: '^src/commands/' },
    },
    {
      name: 'drivers-in-the-store',
      comment: 'a database driver is loaded only by its backend in src/store',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: 'node_modules/(better-sqlite3|pg|pg-connection-string)/' },
    },
    {
      name: 'heavy-libraries-load-late',
      comment: 'pdfkit, exceljs, @inquirer/prompts, fastify and pg are imported with import() where they are needed, never at start-up',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/export/', '^src/store/postgres/', '^src/server/', '\\.test\\.ts$'] },
      to: { path: 'node_modules/(pdfkit|exceljs|@inquirer/prompts|fastify|@fastify/|pg)/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
