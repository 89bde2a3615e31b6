import { defineConfig } from 'vitest/config'

/**
 * Generous limits for every project: tests assert values, never speed (the benchmarks measure that),
 * and on a loaded 2-core machine a 10,000-contact test or an scrypt sign-in can take several
 * seconds, which vitest's 5 s default would turn into a failure. Likewise `expect.poll` waits up to
 * 15 s (vitest's default is 1 s) for a page or a worker to catch up.
 */
const limits = { testTimeout: 60_000, hookTimeout: 120_000, expect: { poll: { timeout: 15_000 } } }

/**
 * Two files at a time (vitest's default on 2 cores is one): most files wait on PostgreSQL, PGlite
 * or Chromium for part of their time. The tests that run several `recall` processes and kill them
 * keep the machine to themselves afterwards (group 1), so their workers are never starved by other files.
 */
const sideBySide = { sequence: { groupOrder: 0 }, maxWorkers: 2, ...limits }
const alone = { sequence: { groupOrder: 1 }, maxWorkers: 1, ...limits }
const processTests = ['concurrency/**/*.test.ts', 'crash/**/*.test.ts', 'faults/**/*.test.ts']

/** The projects whose tests start `recall` as a process build its bundle first. */
const buildCli = ['../test/support/build-cli.ts']

// One runner, one project per package; `vitest run --project engine` runs one of them.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: './shared', include: ['test/**/*.test.ts'], ...sideBySide } },
      { test: { name: 'engine', root: './engine', include: ['test/**/*.test.ts'], ...sideBySide } },
      { test: { name: 'server', root: './server', include: ['test/**/*.test.ts'], globalSetup: buildCli, setupFiles: ['test/support/password-cost.ts'], ...sideBySide } },
      { root: './web', test: { name: 'web', include: ['test/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['test/setup.ts'], ...sideBySide } },
      {
        test: {
          name: 'integration',
          root: './test',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', ...processTests],
          globalSetup: ['support/build-cli.ts', 'support/build-web.ts'],
          ...sideBySide,
        },
      },
      { test: { name: 'processes', root: './test', include: processTests, globalSetup: ['support/build-cli.ts'], ...alone } },
    ],
  },
})
