// Delivery behaviour: DOKU's retry schedule on the sandbox clock, injected duplicates and reordering.
import { describe, expect, it } from 'vitest';
import { DOKU_RETRY_OFFSETS_MS, REORDER_HOLD_MS } from '../src/notify/index.js';
import { setupNotifier } from './notify-support.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function cardNotification(url: string, invoice: string) {
  return {
    family: 'nonsnap' as const,
    url,
    body: JSON.stringify({ order: { invoice_number: invoice, amount: 10000 } }),
    topic: 'cards.payment',
    reference: invoice,
  };
}

describe('retries', () => {
  it('documents DOKU schedule: +30 min, +6 h, +12 h from the original attempt', () => {
    expect(DOKU_RETRY_OFFSETS_MS).toEqual([30 * MIN, 6 * HOUR, 12 * HOUR]);
  });

  it('retries a failing merchant at +30 min, +6 h and +12 h on the sandbox clock, then stops', async () => {
    const { notifier, merchant, config, clock } = setupNotifier();
    merchant.answer(500);
    const t0 = clock.nowMs();
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-R1'));
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(1);
    expect(notifier.scheduledRetries()).toBe(1);

    clock.advance(30 * MIN - 1_000);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(1);
    clock.advance(1_000);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(2);

    clock.advance(6 * HOUR - 30 * MIN - 1_000);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(2);
    clock.advance(1_000);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(3);

    clock.advance(6 * HOUR);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(4);

    clock.advance(48 * HOUR);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(4);
    expect(notifier.scheduledRetries()).toBe(0);

    const log = notifier.log();
    expect(log.map((e) => [e.attempt, e.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 500],
    ]);
    const offsets = log.map((e) => Date.parse(e.at) - t0);
    expect(offsets[0]).toBeLessThan(1_000);
    for (const [i, expected] of [30 * MIN, 6 * HOUR, 12 * HOUR].entries()) {
      expect(Math.abs(offsets[i + 1]! - expected)).toBeLessThan(1_000);
    }
    // Every attempt of one notification carries the same Request-Id so the merchant can de-duplicate.
    expect(new Set(merchant.notifications.map((n) => n.headers['request-id'])).size).toBe(1);
    // ...but a fresh timestamp.
    expect(new Set(merchant.notifications.map((n) => n.headers['request-timestamp'])).size).toBe(4);
  });

  it('scales the schedule with notificationRetryScale', async () => {
    const { notifier, merchant, config, clock } = setupNotifier({ notificationRetryScale: 0.001 });
    merchant.answer(503);
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-R2'));
    await notifier.idle();
    // 30 min * 0.001 = 1.8 s.
    clock.advance(1_700);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(1);
    clock.advance(200);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(2);
    // 6 h * 0.001 = 21.6 s and 12 h * 0.001 = 43.2 s after the original.
    clock.advance(20_000);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(3);
    clock.advance(22_000);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(4);
  });

  it('stops retrying once the merchant answers 2xx', async () => {
    const { notifier, merchant, config, clock } = setupNotifier();
    merchant.answer(500, 204);
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-R3'));
    await notifier.idle();
    clock.advance(30 * MIN);
    await notifier.idle();
    clock.advance(24 * HOUR);
    await notifier.idle();
    expect(notifier.log().map((e) => e.status)).toEqual([500, 204]);
    expect(notifier.notifications()[0]).toMatchObject({ delivered: true, attempts: 2 });
  });

  it('counts a network error as a failed attempt', async () => {
    const cannotConnect = (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch;
    const { notifier, config, clock } = setupNotifier({}, [], cannotConnect);
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-R4'));
    await notifier.idle();
    clock.advance(30 * MIN);
    await notifier.idle();
    expect(notifier.log().map((e) => e.status)).toEqual(['network_error', 'network_error']);
    expect(notifier.log()[0]!.error).toBe('delivery failed: TypeError');
    expect(notifier.scheduledRetries()).toBe(1);
  });
});

describe('fault injection', () => {
  it('delivers a notification twice when a duplicate is injected, with the same Request-Id', async () => {
    const { notifier, merchant, config } = setupNotifier({}, [
      { endpoint: 'notifications', kind: 'duplicate', times: 1 },
    ]);
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-D1'));
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-D2'));
    await notifier.idle();
    // Independent notifications travel concurrently; only the duplicate pair is ordered.
    const d1 = merchant.notifications.filter((n) => JSON.parse(n.body).order.invoice_number === 'INV-D1');
    const d2 = merchant.notifications.filter((n) => JSON.parse(n.body).order.invoice_number === 'INV-D2');
    expect(d1).toHaveLength(2);
    expect(d2).toHaveLength(1);
    expect(d1[0]!.headers['request-id']).toBe(d1[1]!.headers['request-id']);
    expect(d1[0]!.body).toBe(d1[1]!.body);
    const log = notifier.log();
    expect(log.filter((e) => e.reference === 'INV-D1').map((e) => [e.attempt, e.duplicate])).toEqual([
      [1, false],
      [1, true],
    ]);
    expect(log.filter((e) => e.reference === 'INV-D2').map((e) => e.duplicate)).toEqual([false]);
  });

  it('lets a later notification overtake one held back by a reorder fault', async () => {
    const { notifier, merchant, config } = setupNotifier({}, [
      { endpoint: 'notifications', kind: 'reorder', times: 1 },
    ]);
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-O1'));
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-O2'));
    await notifier.idle();
    const invoices = merchant.notifications.map((n) => JSON.parse(n.body).order.invoice_number);
    expect(invoices).toEqual(['INV-O2', 'INV-O1']);
  });

  it('releases a held notification after the hold time when nothing overtakes it', async () => {
    const { notifier, merchant, config, clock } = setupNotifier({}, [
      { endpoint: 'notifications', kind: 'reorder', times: 1 },
    ]);
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-O3'));
    await Promise.resolve();
    expect(merchant.notifications).toHaveLength(0);
    clock.advance(REORDER_HOLD_MS);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(1);
  });

  it('never sends a notification a lose fault takes, nor retries it; the next one goes out', async () => {
    const { notifier, merchant, config, clock } = setupNotifier({}, [
      { endpoint: 'notifications', kind: 'lose', times: 1 },
    ]);
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-L1'));
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-L2'));
    await notifier.idle();
    clock.advance(13 * HOUR);
    await notifier.idle();
    const invoices = merchant.notifications.map((n) => JSON.parse(n.body).order.invoice_number);
    expect(invoices).toEqual(['INV-L2']);
    expect(notifier.notifications().map((n) => [n.reference, n.lost, n.attempts, n.delivered])).toEqual([
      ['INV-L1', true, 0, false],
      ['INV-L2', false, 1, true],
    ]);
    expect(notifier.log().filter((e) => e.reference === 'INV-L1')).toEqual([]);
  });

  it('reset() cancels scheduled retries and clears the log', async () => {
    const { notifier, merchant, config, clock } = setupNotifier();
    merchant.answer(500);
    notifier.send(cardNotification(config.nonSnapNotificationUrl!, 'INV-X'));
    await notifier.idle();
    notifier.reset();
    expect(notifier.log()).toHaveLength(0);
    clock.advance(13 * HOUR);
    await notifier.idle();
    expect(merchant.notifications).toHaveLength(1);
  });
});
