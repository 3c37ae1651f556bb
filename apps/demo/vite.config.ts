import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The browser bundle holds the shop's pages and @kki-kit/react only; the server, the BFF and the
// sandbox are never imported from src/.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
