// Pricing a cart on the server, and the demo's own list of the orders it created (the BFF's store
// reads orders by id; a shop keeps its own order list, so the demo does too, in a JSON file).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LineItem } from '@kki-kit/contract';
import * as z from 'zod';
import { findProduct } from './catalogue.js';

/** What the browser may send to create an order: product ids and quantities, nothing else. */
export const cartSchema = z.object({
  items: z
    .array(z.object({ productId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(20) }))
    .min(1)
    .max(20),
});

/** A cart as the browser sends it. */
export type Cart = z.infer<typeof cartSchema>;

/** The priced cart, or the id of the first unknown product. */
export type PricedCart =
  | { ok: true; amount: number; lineItems: LineItem[]; description: string }
  | { ok: false; unknownProductId: string };

/** Prices `cart` from the catalogue; the same product listed twice is added up. */
export function priceCart(cart: Cart): PricedCart {
  const quantities = new Map<string, number>();
  for (const item of cart.items) {
    if (!findProduct(item.productId)) return { ok: false, unknownProductId: item.productId };
    quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  }
  const lineItems: LineItem[] = [];
  for (const [id, quantity] of quantities) {
    const product = findProduct(id)!;
    lineItems.push({ name: product.name, price: product.price, quantity });
  }
  const amount = lineItems.reduce((sum, i) => sum + i.price * i.quantity, 0);
  const description = lineItems
    .map((i) => `${i.quantity}× ${i.name}`)
    .join(', ')
    .slice(0, 255);
  return { ok: true, amount, lineItems, description };
}

/** One order the shop created. */
export interface ShopOrderEntry {
  orderId: string;
  customerId: string;
  createdAt: string;
}

/** The shop's order list, newest first, kept in a JSON file (or in memory without one). */
export interface OrderIndex {
  add(entry: ShopOrderEntry): void;
  forCustomer(customerId: string): ShopOrderEntry[];
  all(): ShopOrderEntry[];
  owner(orderId: string): string | null;
}

const entriesSchema = z.array(
  z.object({ orderId: z.string(), customerId: z.string(), createdAt: z.string() }),
);

/** Opens the order list at `file` (created on the first write); `null` keeps it in memory. */
export function openOrderIndex(file: string | null): OrderIndex {
  let entries: ShopOrderEntry[] = [];
  if (file && existsSync(file)) {
    // A damaged file (not JSON, or not a list of entries) is not worth stopping the demo for: start a
    // fresh list.
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      json = null;
    }
    const parsed = entriesSchema.safeParse(json);
    if (parsed.success) entries = parsed.data;
  }
  const save = () => {
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(entries));
  };
  return {
    add(entry) {
      entries = [entry, ...entries];
      save();
    },
    forCustomer: (customerId) => entries.filter((e) => e.customerId === customerId),
    all: () => [...entries],
    owner: (orderId) => entries.find((e) => e.orderId === orderId)?.customerId ?? null,
  };
}
