// Reads what DOKU answered from a call's result or its DokuError, without bodies or secrets.
import { DokuError } from '../../client/errors.js';
import type { StepResult } from '../types.js';

/** HTTP status and code of an answer, or of the DokuError a refusal threw. */
export function answerOf(outcome: unknown): Pick<StepResult, 'httpStatus' | 'responseCode'> {
  if (outcome instanceof DokuError) {
    return {
      ...(outcome.httpStatus !== undefined && { httpStatus: outcome.httpStatus }),
      ...(outcome.responseCode !== undefined && { responseCode: outcome.responseCode }),
    };
  }
  const r = outcome as { httpStatus?: number; responseCode?: string };
  return {
    ...(r.httpStatus !== undefined && { httpStatus: r.httpStatus }),
    ...(r.responseCode !== undefined && { responseCode: r.responseCode }),
  };
}

/** Runs a call, returning its result or the error it threw (a refusal is an answer too). */
export async function attempt<T>(call: () => Promise<T>): Promise<T | DokuError | Error> {
  try {
    return await call();
  } catch (err) {
    return err instanceof Error ? err : new Error('unknown failure');
  }
}

/** A DokuError that means DOKU was not reached or answered nonsense: no conclusion possible. */
export function unreachable(outcome: unknown): string | null {
  if (outcome instanceof DokuError) {
    return outcome.kind === 'decision' ? null : `no usable answer (${outcome.kind}: ${outcome.reason})`;
  }
  if (outcome instanceof Error) return `call failed before DOKU answered (${outcome.name})`;
  return null;
}
