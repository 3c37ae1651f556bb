// A stored event → the contract's `KkiEvent`: the envelope and the view of the record as it stood
// right after the change (the same views the browser and merchant code read).
import type { KkiEvent } from '@kki-kit/contract';
import type { EventRecord } from '../store/index.js';
import { paymentView, refundView, savedCardView } from '../views.js';

/** The event merchant code receives for a stored event. */
export function toKkiEvent(e: EventRecord): KkiEvent {
  const envelope = { id: e.id, createdAt: e.createdAt.toISOString(), customerId: e.customerId };
  const { subject } = e;
  if (subject.kind === 'payment') {
    return {
      ...envelope,
      type: e.type as Extract<KkiEvent, { data: { method: unknown } }>['type'],
      orderId: subject.record.orderId,
      data: paymentView(subject.record),
    } as KkiEvent;
  }
  if (subject.kind === 'refund') {
    return { ...envelope, type: e.type, orderId: e.orderId, data: refundView(subject.record) } as KkiEvent;
  }
  return { ...envelope, type: e.type, orderId: null, data: savedCardView(subject.record) } as KkiEvent;
}
