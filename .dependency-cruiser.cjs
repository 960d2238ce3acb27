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
/** The floors from the bottom up; folders on one floor do not import each other (i18n/messaging, commands/jobs). */
const FLOORS = [
  [{ name: 'domain', path: '^src/domain/' }],
  [
    { name: 'i18n', path: '^src/i18n/' },
    { name: 'messaging', path: '^src/messaging/' },
  ],
  [{ name: 'config', path: '^src/config/' }],
  [{ name: 'store', path: '^src/store/' }],
  [{ name: 'services', path: '^src/services/' }],
  [
    { name: 'commands', path: '^commands/' },
    { name: 'jobs', path: '^jobs/' },
  ],
  [{ name: 'app', path: '^src/app/' }],
  [{ name: 'platforms', path: '^src/platforms/' }],
];

/**
 * What each folder may import besides itself: the floors below it. Two exceptions to "everything below": the
 * store keeps to the domain and the message model (it needs no texts and no configuration), and config reads
 * no messaging.
 */
const NARROWER = {
  store: ['^src/domain/', '^src/messaging/'],
  config: ['^src/domain/', '^src/i18n/'],
};

const folders = FLOORS.flatMap((floor, level) =>
  floor.map((folder) => ({
    ...folder,
    may: NARROWER[folder.name] ?? FLOORS.slice(0, level).flat().map((below) => below.path),
  })),
);

/** Each floor may import itself, the floors it names, and packages (npm and Node's own modules). */
const floorRules = folders.map((floor) => ({
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
