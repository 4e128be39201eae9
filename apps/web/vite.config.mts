import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './tooling/precompress.mts';

/**
 * The reference web client. `npm run build` writes apps/web/dist, which the API serves;
 * `npm run dev:web` serves it from Vite against the API at VITE_API_URL (CORS).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), tailwindcss(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1600,
    // The precompress plugin takes its time by design; no timing report on every build.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { port: 5173, strictPort: false },
});
