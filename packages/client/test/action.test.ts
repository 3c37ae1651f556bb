// The action runner's rules, on their own: one call in flight, the attempt's key kept only while the
// outcome is unknown, and callbacks once per outcome.
import { createKkiError } from '@kki-kit/contract';
import { describe, expect, it } from 'vitest';
import { createAction, createActionRunner, OutcomeGate } from '../src/action.js';
import { KkiRequestError, resendFailure } from '../src/request-error.js';

const unknownOutcome = () => new KkiRequestError(createKkiError('internal_error'), true, true);
const refused = () => new KkiRequestError(createKkiError('card_declined'), false);

describe('createActionRunner', () => {
  it('runs one call at a time: a second call while the first is in flight shares its promise', async () => {
    const runner = createActionRunner<string>();
    let release: (v: string) => void = () => {};
    const sent: string[] = [];
    const send = (key: string) => {
      sent.push(key);
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const first = runner.run('a', send);
    const second = runner.run('b', send);
    expect(second).toBe(first);
    expect(runner.inFlight).toBe(true);
    release('done');
    expect(await first).toBe('done');
    expect(sent).toHaveLength(1);
    expect(runner.inFlight).toBe(false);
  });

  it('keeps the key after an unknown outcome, and only for the same request', async () => {
    const runner = createActionRunner<string>();
    const keys: string[] = [];
    const fail = (error: Error) => async (key: string) => {
      keys.push(key);
      throw error;
    };
    await expect(runner.run('a', fail(unknownOutcome()))).rejects.toBeInstanceOf(KkiRequestError);
    await expect(runner.run('a', fail(unknownOutcome()))).rejects.toBeInstanceOf(KkiRequestError);
    expect(keys[1]).toBe(keys[0]); // a retry of the same request: the BFF replays
    await expect(runner.run('b', fail(unknownOutcome()))).rejects.toBeInstanceOf(KkiRequestError);
    expect(keys[2]).not.toBe(keys[1]); // another request: a new attempt
  });

  it('drops the key once the outcome is known (an answer, or a refusal)', async () => {
    const runner = createActionRunner<string>();
    const keys: string[] = [];
    await runner.run('a', async (key) => {
      keys.push(key);
      return 'ok';
    });
    await expect(
      runner.run('a', async (key) => {
        keys.push(key);
        throw refused();
      }),
    ).rejects.toBeInstanceOf(KkiRequestError);
    await runner.run('a', async (key) => {
      keys.push(key);
      return 'ok';
    });
    expect(new Set(keys).size).toBe(3);
  });

  it('after an unanswered send, a resend refused for its admission keeps the key, until the BFF answers', async () => {
    const runner = createActionRunner<string>();
    const keys: string[] = [];
    // A resend passes its failure through resendFailure, as the refund form does.
    const resend = (error: Error) => async (key: string) => {
      keys.push(key);
      throw resendFailure(error);
    };
    const fromBff = (code: Parameters<typeof createKkiError>[0]) =>
      new KkiRequestError({ ...createKkiError(code), requestId: 'req-1' }, false);
    await expect(runner.run('refund', resend(unknownOutcome()))).rejects.toBeInstanceOf(KkiRequestError);
    // An ended session, a refusal of who sends it, a rate limit.
    for (const code of ['unauthenticated', 'refund_not_authorized', 'rate_limited'] as const) {
      const failure = await runner.run('refund', resend(fromBff(code))).catch((e: unknown) => e);
      expect(failure).toMatchObject({ outcomeUnknown: true, error: { code } });
    }
    expect(new Set(keys).size).toBe(1);
    // The BFF's own word on the request settles it: the next request is a new attempt.
    const settled = fromBff('refund_exceeds_remaining');
    await expect(runner.run('refund', resend(settled))).rejects.toBe(settled);
    await runner.run('refund', async (key) => {
      keys.push(key);
      return 'ok';
    });
    expect(keys.at(-1)).not.toBe(keys[0]);
    expect(keys.slice(0, -1).every((k) => k === keys[0])).toBe(true);
  });

  it('createAction identifies a request by its fingerprint, never keeping the input', async () => {
    const keys: string[] = [];
    const action = createAction<{ cpan: string }, string>({
      send: async (_input, key) => {
        keys.push(key);
        throw unknownOutcome();
      },
    });
    await action.run({ cpan: '9360001234567890' }).catch(() => {});
    await action.run({ cpan: '9360001234567890' }).catch(() => {});
    await action.run({ cpan: '9360001234567891' }).catch(() => {});
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(JSON.stringify(action)).not.toContain('936000');
  });
});

describe('OutcomeGate', () => {
  it('passes each outcome once, and again after a reset', () => {
    const gate = new OutcomeGate();
    expect(gate.pass('pay_1:requires_action')).toBe(true);
    expect(gate.pass('pay_1:requires_action')).toBe(false);
    expect(gate.pass('pay_1:succeeded')).toBe(true);
    gate.reset();
    expect(gate.pass('pay_1:succeeded')).toBe(true);
  });
});
