// `pnpm dev`: Vite's dev server on PORT (default 5173) with hot reload, proxying /api to the demo
// server (BFF with its in-process sandbox + shop API) on the next port.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { startDemoServer } from './app.js';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT || 5173);
const host = process.env.HOST || '127.0.0.1';
const origin = `http://${host}:${port}`;

const demo = await startDemoServer({
  port: port + 1,
  host,
  dataDir: resolve(process.env.DEMO_DATA_DIR || join(appDir, '.data')),
  staticDir: null,
  publicOrigin: origin,
  ...(process.env.DEMO_STAFF_PASSWORD && { staffPassword: process.env.DEMO_STAFF_PASSWORD }),
});
const vite = await createServer({
  root: appDir,
  server: { port, host, strictPort: true, proxy: { '/api': { target: demo.url, changeOrigin: false } } },
});
await vite.listen();
console.log(`\n  kki-kit demo (dev):  ${origin}\n`);
