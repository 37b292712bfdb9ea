import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// import.meta.dirname rather than node:path: the layering lint keeps Node built-ins out of renderer/.
const rendererDir = import.meta.dirname;

// The core serves dist/ from its own origin under a strict CSP: relative asset URLs (base './') and every
// style in an external .css file, never inline.
export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inlined assets would become data: URLs, which the CSP allows only for images; keep everything as files.
    assetsInlineLimit: 0,
    // A local app loaded from loopback or disk: one vendor chunk (React, recharts, zod) is fine.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: {
        app: `${rendererDir}/index.html`,
        // Renders the workloads table and the container charts from generated data, for `npm run bench`.
        bench: `${rendererDir}/bench.html`,
      },
    },
  },
  server: {
    // The contract lives outside renderer/ (agent-core/contract); the dev server may read it.
    fs: { allow: [`${rendererDir}/..`] },
  },
});
