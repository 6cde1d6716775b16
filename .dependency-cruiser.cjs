/** Boundaries the build enforces (run by `npm test`). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'libs/domain is plain TypeScript: no framework, ORM, driver or broker client, and nothing from apps/ or other libs but the decider contract.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        path: [
          '^apps/',
          '^libs/(?!domain/|decider/)',
          'node_modules/(@nestjs|typeorm|kafkajs|pg|better-sqlite3|@kurrent|@eventstore|class-validator|class-transformer|express)/',
        ],
      },
    },
    {
      name: 'decider-contract-stands-alone',
      comment:
        'libs/decider is the contract the domain and the event store share: it imports nothing, so neither comes to depend on the other through it.',
      severity: 'error',
      from: { path: '^libs/decider/' },
      to: { path: ['^apps/', '^libs/(?!decider/)', 'node_modules/'] },
    },
    {
      name: 'libs-do-not-import-apps',
      comment: 'Applications depend on libraries, never the other way round.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'event-store-knows-no-aggregate',
      comment:
        'The event store is generic: it imports nothing from the domain, and takes the decider contract from libs/decider.',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/domain/' },
    },
    {
      name: 'demo-stays-out-of-the-service',
      comment:
        "The demo programme is invented data: only the API's demo seeder may import libs/demo, so no library and no other application code can come to depend on it.",
      severity: 'error',
      from: { path: '^(libs/(?!demo/)|apps/(?!api/src/demo/))' },
      to: { path: '^libs/demo/' },
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
    exclude: { path: '(^dist/|\\.spec\\.ts$|\\.int-spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
