import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the gateway at `/` (gateway/src/static.ts); `vite` (dev server) proxies the API.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks: {
          antd: ['antd', '@ant-design/icons'],
        },
      },
    },
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/export': 'http://127.0.0.1:4000', '/healthz': 'http://127.0.0.1:4000' },
  },
});
