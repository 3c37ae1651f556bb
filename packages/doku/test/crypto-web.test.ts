// The vector suite once more on the Web Crypto primitives (the path Bun, Deno, browsers and edge
// runtimes take): the `node` condition gives every other test here node:crypto.
import { expect, it, vi } from 'vitest';

vi.mock('#crypto-primitives', () => import('../src/crypto/primitives-web.js'));

it('runs on the Web Crypto primitives', async () => {
  const { primitives } = await import('#crypto-primitives');
  expect(primitives.name).toBe('web');
});

await import('./crypto.test.js');
