// The shop's products. Prices live here, on the server: the browser sends product ids and
// quantities only, and the order's amount is computed from this list.

/** One product of the demo shop. */
export interface Product {
  id: string;
  /** Indonesian name (the shop's first language). */
  name: string;
  /** English name, for the language switch. */
  nameEn: string;
  /** Whole rupiah. */
  price: number;
  emoji: string;
}

/** The catalogue, in display order. */
export const PRODUCTS: readonly Product[] = [
  { id: 'kopi-toraja', name: 'Kopi Toraja 250 g', nameEn: 'Toraja coffee 250 g', price: 85_000, emoji: '☕' },
  {
    id: 'batik-tulis',
    name: 'Kemeja Batik Tulis',
    nameEn: 'Hand-drawn batik shirt',
    price: 450_000,
    emoji: '👔',
  },
  { id: 'sambal-roa', name: 'Sambal Roa Manado', nameEn: 'Manado roa sambal', price: 45_000, emoji: '🌶️' },
  { id: 'tas-rotan', name: 'Tas Rotan Bali', nameEn: 'Balinese rattan bag', price: 325_000, emoji: '👜' },
  { id: 'sepeda-lipat', name: 'Sepeda Lipat', nameEn: 'Folding bicycle', price: 3_750_000, emoji: '🚲' },
];

/** The product with `id`, if the shop sells it. */
export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((p) => p.id === id);
}
