// Vitest global setup: one demo build and two demo servers for every spec: the host-to-host path of a
// PCI DSS merchant (`demoUrl`, the KKI journeys that type a card in the shop) and the default DOKU
// Checkout path with the sandbox's control API on for ledger checks (`checkoutDemoUrl`).
import type { TestProject } from 'vitest/node';
import { buildDemo, startDemo } from './demo-server.js';
import { STAFF_PASSWORD } from './shop.js';

declare module 'vitest' {
  export interface ProvidedContext {
    demoUrl: string;
    checkoutDemoUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildDemo();
  const demo = await startDemo(STAFF_PASSWORD, { KKI_INTEGRATION: 'h2h' });
  const checkout = await startDemo(STAFF_PASSWORD, {
    KKI_INTEGRATION: 'checkout',
    DEMO_SANDBOX_CONTROL: '1',
  }).catch(async (error: unknown) => {
    await demo.stop();
    throw error;
  });
  project.provide('demoUrl', demo.url);
  project.provide('checkoutDemoUrl', checkout.url);
  return async () => {
    await Promise.all([demo.stop(), checkout.stop()]);
  };
}
