import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
      '/api': 'http://localhost:3000',
    },
  },
  // No source maps in the production build: the server serves dist/ publicly (and refuses *.map).
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 1500 },
});
