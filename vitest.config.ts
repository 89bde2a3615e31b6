import { defineConfig } from 'vitest/config'

// One runner, one project per package; `vitest run --project engine` runs one of them.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: './shared', include: ['test/**/*.test.ts'] } },
      { test: { name: 'engine', root: './engine', include: ['test/**/*.test.ts'] } },
      { test: { name: 'server', root: './server', include: ['test/**/*.test.ts'] } },
      { root: './web', test: { name: 'web', include: ['test/**/*.test.{ts,tsx}'], environment: 'jsdom', setupFiles: ['test/setup.ts'] } },
      { test: { name: 'integration', root: './test', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'] } },
    ],
  },
})
