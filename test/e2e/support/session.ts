import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './chromium'
import { type RunningRecall, startRecall, WEB_DIST } from './recall-server'

/** Where end-to-end runs leave their screenshots (the good ones are copied to docs/). */
export const SHOTS = 'test-results/screenshots'

/**
 * The real server with the built web app and one Chromium page, for a describe block: started
 * before its tests, closed after them. Call the returned function inside tests.
 */
export function useRecallInChromium(
  viewport: { width: number; height: number },
  options: Parameters<typeof startRecall>[1] = {},
): () => { recall: RunningRecall; page: Page; browser: Browser } {
  let recall: RunningRecall | undefined
  let browser: Browser | undefined
  let page: Page | undefined
  beforeAll(async () => {
    // Built once for the whole run by the integration project's global setup (test/support/build-web.ts).
    recall = await startRecall(WEB_DIST, options)
    browser = await launchChromium()
    page = await browser.newPage({ viewport, locale: 'en-US' })
    mkdirSync(SHOTS, { recursive: true })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await recall?.close()
  })
  return () => {
    if (!recall || !page || !browser) throw new Error('the server and browser are not started yet')
    return { recall, page, browser }
  }
}
