// Vitest global setup: one demo build and one demo server for every spec; its URL is provided to
// the specs as `demoUrl`.
import type { TestProject } from 'vitest/node';
import { buildDemo, startDemo } from './demo-server.js';
import { STAFF_PASSWORD } from './shop.js';

declare module 'vitest' {
  export interface ProvidedContext {
    demoUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildDemo();
  const demo = await startDemo(STAFF_PASSWORD);
  project.provide('demoUrl', demo.url);
  return () => demo.stop();
}
