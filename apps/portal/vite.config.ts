import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web portal. `npm run build:portal` writes apps/portal/dist, which the API
 * serves at / (PORTAL_DIR). `npm run dev:portal` serves it with live reload and
 * sends /graphql (HTTP and WebSocket) to the API on port 3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // React Server Components' "use client" markers mean nothing in a single-page app.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:3000', ws: true } } },
});
