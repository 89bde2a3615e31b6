import { defineConfig } from 'vitest/config'

/**
 * Generous limits for every project: tests assert values, never speed (the benchmarks measure that),
 * and on a loaded 2-core machine a 10,000-contact test or an scrypt sign-in can take several
 * seconds, which vitest's 5 s default would turn into a failure.
 */
const limits = { testTimeout: 60_000, hookTimeout: 120_000 }

/** The projects whose tests start `recall` as a process build its bundle first. */
const buildCli = ['../test/support/build-cli.ts']

// One runner, one project per package; `vitest run --project engine` runs one of them.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: './shared', include: ['test/**/*.test.ts'], ...limits } },
      { test: { name: 'engine', root: './engine', include: ['test/**/*.test.ts'], ...limits } },
      { test: { name: 'server', root: './server', include: ['test/**/*.test.ts'], globalSetup: buildCli, ...limits } },
      { root: './web', test: { name: 'web', include: ['test/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['test/setup.ts'], ...limits } },
      { test: { name: 'integration', root: './test', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], globalSetup: ['support/build-cli.ts'], ...limits } },
    ],
  },
})
