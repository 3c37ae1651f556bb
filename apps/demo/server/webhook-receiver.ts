// The shop's own webhook endpoint, as a merchant backend would have it: the BFF posts every event
// here, signed; the shop verifies the signature on the raw body with the import-light
// `@kki-kit/bff/webhooks`, and acts on each event id once.
import { KkiWebhookVerificationError, verifyKkiWebhook } from '@kki-kit/bff/webhooks';
import type { KkiEvent } from '@kki-kit/contract';
import { Hono } from 'hono';

/** The receiver and the events it accepted (newest last; the demo keeps the last 200). */
export interface WebhookReceiver {
  app: Hono;
  received(): readonly KkiEvent[];
}

/** Builds the receiver for webhooks signed with `secret`. */
export function createWebhookReceiver(secret: string, log: (line: string) => void): WebhookReceiver {
  const events: KkiEvent[] = [];
  const seen = new Set<string>();
  const app = new Hono();
  app.post('/', async (c) => {
    const raw = await c.req.text();
    let event: KkiEvent;
    try {
      event = await verifyKkiWebhook<KkiEvent>(raw, c.req.header('x-kki-signature'), secret);
    } catch (error) {
      if (!(error instanceof KkiWebhookVerificationError)) throw error;
      log(`demo shop: webhook refused (${error.reason})`);
      return c.body(null, 400);
    }
    // At least once: a retried event is acknowledged again but handled once.
    if (!seen.has(event.id)) {
      seen.add(event.id);
      events.push(event);
      if (events.length > 200) events.shift();
    }
    return c.body(null, 204);
  });
  return { app, received: () => events };
}
