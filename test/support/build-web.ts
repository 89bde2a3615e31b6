import { buildWebApp } from '../e2e/support/recall-server'

/**
 * Vitest global setup of the integration project: builds the web app once, before any test file
 * starts, so files running side by side all serve the same finished build.
 */
export default function buildWeb(): void {
  buildWebApp()
}
