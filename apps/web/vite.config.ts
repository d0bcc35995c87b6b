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
    rolldownOptions: {
      treeshake: {
        // antd's components come from @rc-component packages, which declare no `sideEffects`, so a
        // bundler keeps every module their index files re-export: antd's form context imports only
        // FormProvider from rc-form, yet rc-form's store and validator landed in the entry chunk
        // every page loads. These modules only define components; @rc-component/picker is left out
        // because its dayjs adapter extends dayjs when it is imported.
        moduleSideEffects: [
          { test: /node_modules[\\/]@rc-component[\\/](?!picker[\\/])/, sideEffects: false },
        ],
      },
    },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    // The console imports pure rules from libs/domain (one display rule for deadlines).
    fs: { allow: [projectRoot] },
    proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
