#!/usr/bin/env node
// The workspace's `recall` command (node_modules/.bin/recall). It loads the bundle that
// `pnpm install` builds (scripts/build-cli.mjs): this file exists before that build, so pnpm can link it.
try {
  await import('../dist/bin/recall.js')
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/bin/recall.js')) throw error
  console.error('The recall command is not built yet: run `npx -y pnpm@10 install` (or `node server/scripts/build-cli.mjs`).')
  console.error('recall 命令尚未构建:请运行 `npx -y pnpm@10 install`(或 `node server/scripts/build-cli.mjs`)。')
  process.exitCode = 1
}
