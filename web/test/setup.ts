import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

// React Flow measures its pane and nodes with ResizeObserver; jsdom has none and lays nothing out,
// so nothing is ever reported (nodes stay `visibility: hidden` until a test gives them a size).
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver
