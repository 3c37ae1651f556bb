// Step: DOKU Checkout. The kit has no Checkout call yet, so there is nothing to check; the step is
// listed so the report says so rather than leaving it out silently.
import type { ConformanceStep } from '../types.js';

export const checkoutStep: ConformanceStep = {
  name: 'checkout',
  endpoint: '(none)',
  async run() {
    return {
      verdict: 'SKIP',
      detail: 'the kit does not call DOKU Checkout yet: nothing to check',
      questions: [],
    };
  },
};
