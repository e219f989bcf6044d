import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is built into dist/console, which the API serves at `/` (and the Docker image ships
// with dist/). `npm run dev:console` runs this config's dev server, which proxies the API's paths to
// a running API (`npm start`), so the console is always on the same origin as the API.
// eslint-disable-next-line no-restricted-syntax -- a dev-server setting, not app configuration
const apiTarget = process.env.LEADFLOW_API_URL ?? 'http://127.0.0.1:3000';
const apiPaths = ['/v1', '/health', '/docs', '/metrics', '/admin'];

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(apiPaths.map((path) => [path, { target: apiTarget, changeOrigin: false }])),
  },
});
