import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { accessRepository, buildApp, type Clock, openDatabase, startBackgroundWorker } from '@recall/server'

const webDir = fileURLToPath(new URL('../../../web', import.meta.url))

/** Where the web app is built: `web/dist`, as `pnpm start` builds it. */
export const WEB_DIST = `${webDir}/dist`

/**
 * Builds the web app with Vite, as `pnpm start` does, so the test drives what users get. Once per
 * test run (the integration project's global setup) and by each benchmark: Vite empties the folder
 * as it builds, so a build while another test's server serves the folder gave that page no app.
 */
export function buildWebApp(): string {
  // The web package's own Vite (its bin is not an export, so it is found by path).
  const vite = `${webDir}/node_modules/vite/bin/vite.js`
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit' })
  return WEB_DIST
}

/** The admin every end-to-end run signs in as. */
export const E2E_ADMIN = { email: 'admin@shop.example', password: 'e2e-admin-password' }

export interface RunningRecall {
  url: string
  app: Awaited<ReturnType<typeof buildApp>>
  /** Headers for checking the server's side directly with `app.inject`. */
  adminHeaders: { authorization: string }
  close(): Promise<unknown>
}

/**
 * The real server (API and web app on one port) on an in-memory PGlite, with one admin; `clock`
 * stands for the demo clock. With `worker`, the journey worker runs beside it on that clock, as in
 * `recall serve --demo`.
 */
export async function startRecall(webRoot: string, options: { clock?: () => number; worker?: Clock } = {}): Promise<RunningRecall> {
  const database = await openDatabase({})
  const clock = options.worker?.now ?? options.clock
  const app = await buildApp({ database, webRoot, ...(clock ? { clock } : {}) })
  const worker = options.worker && (await startBackgroundWorker({ database, runner: app.runner, clock: options.worker, onError: (error) => console.error(error) }))
  const access = accessRepository(database.db)
  const admin = await access.createUser({ ...E2E_ADMIN, name: '运营管理员', role: 'admin' })
  const { secret } = await access.createApiKey('e2e checks', ['admin'], admin.id)
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    url: address,
    app,
    adminHeaders: { authorization: `Bearer ${secret}` },
    // The app closes its database, after the worker's last batch.
    close: async () => {
      await worker?.stop()
      await app.close()
    },
  }
}

/** Signs in through the login page, as a person does. */
export async function signIn(page: import('playwright-core').Page, url: string): Promise<void> {
  await page.goto(`${url}/`)
  // The first page of a test loads the whole app; on a machine saturated by other work that took over 30 s once.
  await page.getByLabel('Email').waitFor({ timeout: 90_000 })
  await page.getByLabel('Email').fill(E2E_ADMIN.email)
  await page.getByLabel('Password').fill(E2E_ADMIN.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { name: 'Start from a template' }).waitFor()
}
