// Hands an event to the merchant's webhook endpoint: a POST of the event JSON, signed with the
// webhook secret (`X-KKI-Signature`), with the event id and type in headers for de-duplication.
import type { KkiEvent } from '@kki-kit/contract';
import {
  KKI_EVENT_ID_HEADER,
  KKI_EVENT_TYPE_HEADER,
  KKI_SIGNATURE_HEADER,
  signKkiWebhook,
} from '../webhook-signature.js';
import type { HandOver } from './dispatcher.js';

/** Where and how webhooks go. */
export interface WebhookTarget {
  url: string;
  secret: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Posts `event` to the endpoint; any answer but 2xx (or no answer) is a failed attempt. */
export async function sendWebhook(target: WebhookTarget, event: KkiEvent): Promise<HandOver> {
  const body = JSON.stringify(event);
  const signature = await signKkiWebhook(body, target.secret, Math.floor(Date.now() / 1000));
  try {
    const response = await target.fetch(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'kki-kit-webhooks/1',
        [KKI_SIGNATURE_HEADER]: signature,
        [KKI_EVENT_ID_HEADER]: event.id,
        [KKI_EVENT_TYPE_HEADER]: event.type,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    // The answer's body is not read beyond release: receivers' pages are not ours to keep.
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    // The error's name only: a fetch error message may echo the URL (and credentials in it).
    const name = error instanceof Error ? error.name : 'Error';
    return {
      ok: false,
      statusCode: null,
      error: name === 'TimeoutError' ? 'timed out' : `no answer (${name})`,
    };
  }
}
