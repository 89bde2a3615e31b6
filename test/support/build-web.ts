import { ensureChromium } from '../e2e/support/chromium'
import { buildWebApp } from '../e2e/support/recall-server'

/**
 * Vitest global setup of the integration project, before any test file starts: builds the web app
 * once, so files running side by side all serve the same finished build, and installs Chromium
 * once when it is missing (two files installing it side by side fought over apt's lock and both failed).
 */
export default function prepareBrowserTests(): void {
  ensureChromium()
  buildWebApp()
}
