import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(new URL(import.meta.url).pathname);
const projectRoot = path.resolve(root, '../..');

// `npm run dev:web` serves the console with hot reload and sends /api to the API of `npm start`.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: path.join(projectRoot, 'dist', 'web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    // The console imports pure rules from libs/domain (one display rule for deadlines).
    fs: { allow: [projectRoot] },
    proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
