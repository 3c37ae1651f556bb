// The cart: product ids and quantities only (prices come from the server), kept in localStorage.
import { useSyncExternalStore } from 'react';

/** One cart line. */
export interface CartLine {
  productId: string;
  quantity: number;
}

const KEY = 'kki-demo-cart';
const listeners = new Set<() => void>();
let cache: { raw: string | null; lines: CartLine[] } = { raw: null, lines: [] };

function read(): CartLine[] {
  const raw = window.localStorage.getItem(KEY);
  if (raw === cache.raw) return cache.lines;
  let lines: CartLine[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) {
      lines = parsed.filter(
        (l): l is CartLine =>
          typeof l?.productId === 'string' && Number.isInteger(l?.quantity) && l.quantity > 0,
      );
    }
  } catch {
    // A damaged entry is an empty cart.
  }
  cache = { raw, lines };
  return lines;
}

function write(lines: CartLine[]): void {
  window.localStorage.setItem(KEY, JSON.stringify(lines.filter((l) => l.quantity > 0)));
  for (const l of listeners) l();
}

/** Cart actions. */
export const cart = {
  add(productId: string): void {
    const lines = read();
    const found = lines.find((l) => l.productId === productId);
    write(
      found
        ? lines.map((l) => (l.productId === productId ? { ...l, quantity: Math.min(20, l.quantity + 1) } : l))
        : [...lines, { productId, quantity: 1 }],
    );
  },
  setQuantity(productId: string, quantity: number): void {
    write(read().map((l) => (l.productId === productId ? { ...l, quantity } : l)));
  },
  clear(): void {
    write([]);
  },
};

/** The cart's lines, re-rendering on change. */
export function useCart(): CartLine[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
    () => [],
  );
}
