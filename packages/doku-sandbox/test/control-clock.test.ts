// The sandbox clock and the seeded random generator the whole sandbox runs on.
import { describe, expect, it } from 'vitest';
import { createClock } from '../src/clock.js';
import { createRandom } from '../src/random.js';

describe('sandbox clock', () => {
  it('is real time plus an offset that advance and set move', () => {
    let real = 1_000_000;
    const clock = createClock({ realNow: () => real });
    expect(clock.nowMs()).toBe(1_000_000);
    real += 500;
    expect(clock.nowMs()).toBe(1_000_500);
    clock.advance(10_000);
    expect(clock.nowMs()).toBe(1_010_500);
    clock.set(new Date(5_000_000));
    expect(clock.now().getTime()).toBe(5_000_000);
    clock.resetOffset();
    expect(clock.nowMs()).toBe(real);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.set(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('runs scheduled work in due order when advanced past it, once', async () => {
    const clock = createClock();
    const ran: string[] = [];
    const t0 = clock.nowMs();
    clock.schedule(t0 + 3_000, () => {
      ran.push('c');
    });
    clock.schedule(t0 + 1_000, () => {
      ran.push('a');
    });
    const cancel = clock.schedule(t0 + 2_000, () => {
      ran.push('cancelled');
    });
    clock.schedule(t0 + 2_500, async () => {
      await new Promise((r) => setTimeout(r, 5));
      ran.push('b');
    });
    cancel();
    clock.advance(2_600);
    await clock.settled();
    expect(ran).toEqual(['a', 'b']);
    expect(clock.pendingTasks()).toBe(1);
    clock.advance(10_000);
    await clock.settled();
    expect(ran).toEqual(['a', 'b', 'c']);
    clock.advance(10_000);
    await clock.settled();
    expect(ran).toHaveLength(3);
  });

  it('runs work when real time reaches it, and not early after set() moves back', async () => {
    const clock = createClock();
    let ran = 0;
    clock.schedule(clock.nowMs() + 30, () => {
      ran += 1;
    });
    clock.set(new Date(clock.nowMs() - 60_000));
    await new Promise((r) => setTimeout(r, 80));
    expect(ran).toBe(0);
    clock.resetOffset();
    await new Promise((r) => setTimeout(r, 80));
    expect(ran).toBe(1);
  });

  it('keeps going when a task throws, and reports it', async () => {
    const errors: unknown[] = [];
    const clock = createClock({ onError: (e) => errors.push(e) });
    let after = false;
    clock.schedule(clock.nowMs() + 1, () => {
      throw new Error('boom');
    });
    clock.schedule(clock.nowMs() + 2, () => {
      after = true;
    });
    clock.advance(5);
    await clock.settled();
    expect(after).toBe(true);
    expect(errors).toHaveLength(1);
    clock.schedule(clock.nowMs() + 1_000, () => {
      after = false;
    });
    clock.cancelAll();
    clock.advance(5_000);
    await clock.settled();
    expect(after).toBe(true);
  });
});

describe('seeded random', () => {
  it('repeats for a seed, differs between seeds, stays in range', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
    for (const v of seqA) expect(v >= 0 && v < 1).toBe(true);
    const r = createRandom(1);
    for (let i = 0; i < 200; i++) {
      const n = r.int(6);
      expect(Number.isInteger(n) && n >= 0 && n < 6).toBe(true);
    }
    expect(r.digits(12)).toMatch(/^\d{12}$/);
    expect(r.chars(8, 'ab')).toMatch(/^[ab]{8}$/);
    expect(() => r.int(0)).toThrow(RangeError);
  });

  it('forks independent streams that depend only on the seed and the label', () => {
    const a = createRandom(99);
    a.next();
    a.next();
    const fromUsed = a.fork('faults');
    const fromFresh = createRandom(99).fork('faults');
    expect(fromUsed.next()).toBe(fromFresh.next());
    expect(createRandom(99).fork('ids').next()).not.toBe(createRandom(99).fork('faults').next());
  });
});
