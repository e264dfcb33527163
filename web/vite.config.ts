import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the client on :5173 and passes the API (HTTP and graphql-ws) to a running Host, so the client
// sees one origin as it does when the Host serves the built files. SKILLMATRIX_HOST names another Host.
const host = process.env.SKILLMATRIX_HOST ?? 'http://localhost:5000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/graphql': { target: host, ws: true, changeOrigin: true },
      '/roles/': { target: host, changeOrigin: true, bypass: (request) => (request.url?.match(/\.(pdf|csv)$/) ? undefined : request.url) },
      '/health': { target: host, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The role page's budget is 250 KB gzipped (tests/budget.spec.ts checks it); the calculator's chart is a chunk of its own.
    chunkSizeWarningLimit: 600,
  },
});
