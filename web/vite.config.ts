import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// In development Vite serves the app and passes API calls to `pnpm start`'s server (port 3000).
export default defineConfig({
  plugins: [react()],
  // One editor bundle (React, React Flow, the shared schema and validator): about 240 kB gzipped.
  build: { chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/api': process.env.RECALL_API ?? 'http://127.0.0.1:3000' } },
})
