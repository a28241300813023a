import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './build/serviceWorker.ts';

// In development the collab server runs separately (npm start); the dev server forwards to it so the
// app can always use its own origin, exactly as it does when the server serves the built files.
const backend = process.env.CONCORD_BACKEND ?? 'http://127.0.0.1:1234';

export default defineConfig({
  plugins: [react(), serviceWorker()],
  server: {
    proxy: {
      '/api': backend,
      '/health': backend,
      '/collab': { target: backend.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 500 },
});
