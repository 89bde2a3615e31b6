import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// In development Vite serves the app and passes API calls to `pnpm start`'s server (port 3000).
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': process.env.RECALL_API ?? 'http://127.0.0.1:3000' } },
})
