/**
 * The floors of FM-Lotse (docs/architecture.md). A module may import from its own floor and from the
 * floors below it, never from a floor above. `npm test` runs this check first, so a wrong arrow fails CI.
 *
 *   8  src/main.ts, src/cli.ts          entry points: wire everything together
 *   7  src/platforms                    Slack, Teams, console: chat in, chat out
 *   6  src/app                          bot (routing), scheduler, time travel, delivery (outbox → transport)
 *   5  commands/, jobs/                 one file per /fm subcommand, one per scheduled job (never each other)
 *   4  src/services                     people, clocks, rounds, escalations, case lifecycle, command context
 *   3  src/store                        storage ports and their SQLite implementation
 *   2  src/config                       environment and organisation file
 *   1  src/i18n, src/messaging          German texts; the platform-neutral message model and chat seam
 *   0  src/domain                       the rules: pure functions and the domain vocabulary
 */
const FLOORS = [
  { name: 'domain', path: '^src/domain/', may: [] },
  { name: 'i18n', path: '^src/i18n/', may: ['^src/domain/'] },
  { name: 'messaging', path: '^src/messaging/', may: ['^src/domain/'] },
  { name: 'config', path: '^src/config/', may: ['^src/domain/', '^src/i18n/'] },
  { name: 'store', path: '^src/store/', may: ['^src/domain/', '^src/messaging/'] },
  {
    name: 'services',
    path: '^src/services/',
    may: ['^src/domain/', '^src/i18n/', '^src/messaging/', '^src/config/', '^src/store/'],
  },
  {
    name: 'commands',
    path: '^commands/',
    may: ['^src/domain/', '^src/i18n/', '^src/messaging/', '^src/config/', '^src/store/', '^src/services/'],
  },
  {
    name: 'jobs',
    path: '^jobs/',
    may: ['^src/domain/', '^src/i18n/', '^src/messaging/', '^src/config/', '^src/store/', '^src/services/'],
  },
  {
    name: 'app',
    path: '^src/app/',
    may: [
      '^src/domain/',
      '^src/i18n/',
      '^src/messaging/',
      '^src/config/',
      '^src/store/',
      '^src/services/',
      '^commands/',
      '^jobs/',
    ],
  },
  {
    name: 'platforms',
    path: '^src/platforms/',
    may: [
      '^src/domain/',
      '^src/i18n/',
      '^src/messaging/',
      '^src/config/',
      '^src/store/',
      '^src/services/',
      '^commands/',
      '^jobs/',
      '^src/app/',
    ],
  },
];

/** Each floor may import itself, the floors it names, and packages (npm and Node's own modules). */
const floorRules = FLOORS.map((floor) => ({
  name: `floor-${floor.name}`,
  comment: `${floor.path} may import only from its own floor and from: ${floor.may.join(', ') || 'nothing else'}`,
  severity: 'error',
  from: { path: floor.path },
  to: {
    dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'core'],
    pathNot: [floor.path, ...floor.may],
  },
}));

module.exports = {
  forbidden: [
    ...floorRules,
    {
      name: 'no-unresolvable',
      comment: 'Every relative import resolves to a file of the repo.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
