// The browser's calls to the shop's own API (/api/shop). The BFF's routes go through the kit's
// client inside KkiProvider instead.
import type { EventDeliveryView, KitConfig, KkiLocale, OrderView, PaymentView } from '@kki-kit/contract';
import { KKI_LOCALE_HEADER } from '@kki-kit/contract';
import type { KKI_TEST_VALUES } from '@kki-kit/doku-sandbox';
import type { Product } from '../server/catalogue.js';

export type { Product };

/** The session as the shop shows it. */
export interface ShopSession {
  slot: 'a' | 'b';
  customerId: string;
  staff: boolean;
}

/** A failed shop call, with the catalogue's message when the server sent one. */
export class ShopApiError extends Error {
  override name = 'ShopApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let currentLocale: KkiLocale = 'id';
/** The locale sent with every call (error copy comes back in it). */
export function setApiLocale(locale: KkiLocale): void {
  currentLocale = locale;
}

async function call<T>(path: string, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(`/api/shop${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      [KKI_LOCALE_HEADER]: currentLocale,
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!res.ok) {
    throw new ShopApiError(
      res.status,
      json?.error?.code ?? 'unknown',
      json?.error?.message ?? res.statusText,
    );
  }
  return json as T;
}

/** The shop's API. */
export const shopApi = {
  session: () => call<ShopSession>('/session'),
  switchCustomer: (slot: 'a' | 'b') => call<ShopSession>('/session/customer', 'POST', { slot }),
  products: () => call<{ products: Product[] }>('/products'),
  createOrder: (items: { productId: string; quantity: number }[]) =>
    call<{ order: OrderView }>('/orders', 'POST', { items }),
  myOrders: () => call<{ orders: OrderView[] }>('/orders'),
  /** The BFF's public config (which KKI path it was started with), for the pay page's note. */
  kitConfig: async (): Promise<KitConfig> => {
    const res = await fetch('/api/kki/config', { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new ShopApiError(res.status, 'config', `config: HTTP ${res.status}`);
    return (await res.json()) as KitConfig;
  },
  order: (orderId: string) =>
    call<{ order: OrderView; payments: PaymentView[] }>(`/orders/${encodeURIComponent(orderId)}`),
  testValues: () => call<TestValues>('/test-values'),
  staffLogin: (password: string) => call<{ staff: boolean }>('/staff/login', 'POST', { password }),
  staffLogout: () => call<{ staff: boolean }>('/staff/logout', 'POST', {}),
  capture: (paymentId: string) =>
    call<{ payment: PaymentView }>(`/staff/payments/${encodeURIComponent(paymentId)}/capture`, 'POST', {}),
  staffDeliveries: () => call<{ deliveries: EventDeliveryView[] }>('/staff/deliveries'),
  staffOrders: () =>
    call<{ orders: { customerId: string; order: OrderView; payments: PaymentView[] }[] }>('/staff/orders'),
};

/** What /api/shop/test-values answers (the sandbox's tables, as JSON). */
export interface TestValues {
  /** The sandbox package's KKI table as is (`import type`: nothing of the sandbox reaches the bundle). */
  kki: typeof KKI_TEST_VALUES;
  cards: {
    cards?: {
      id: string;
      number: string;
      brand: string;
      type: string;
      issuerName: string;
      outcome: { kind: string; responseCode?: string; responseMessage?: string };
    }[];
    threeDs?: { otp: string; maxAttempts: number };
    expiry?: string;
    cvv?: string;
  } | null;
}
