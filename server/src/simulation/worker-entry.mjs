// Node 20 workers do not take tsx's loader from --import, so the worker loads its TypeScript through tsx's API.
import { tsImport } from 'tsx/esm/api'

await tsImport('./worker.ts', import.meta.url)
