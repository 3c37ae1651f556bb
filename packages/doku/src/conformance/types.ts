// The shapes of a conformance run: steps, their verdicts, and what each says about an open question.
import type { DokuClient } from '../client/client.js';

/** A step's verdict: PASS (DOKU answered as the kit expects), FAIL, UNKNOWN (no conclusion), SKIP. */
export type StepVerdict = 'PASS' | 'FAIL' | 'UNKNOWN' | 'SKIP';

/** What a step's answer says about one guess of `open-questions.ts`. */
export interface QuestionFinding {
  /** The constant's name in `open-questions.ts`. */
  question: string;
  finding: 'confirmed' | 'refuted' | 'unknown';
  note: string;
}

/** One step's outcome. Never carries card data, tokens or secrets. */
export interface StepResult {
  step: string;
  /** The endpoint called (path), for the reader. */
  endpoint: string;
  verdict: StepVerdict;
  /** HTTP status and DOKU `responseCode` when DOKU answered. */
  httpStatus?: number;
  responseCode?: string;
  detail: string;
  questions: QuestionFinding[];
}

/** What every step gets. */
export interface ConformanceContext {
  client: DokuClient;
  /** The same client with a wrong secret key (the deliberately bad signature). */
  badSignatureClient: DokuClient;
  /** The test card (CPAN) for the binding step. */
  testCpan: string;
  /** A unique suffix for this run's references. */
  runId: string;
}

/** A conformance step: one call, safe with test credentials. */
export interface ConformanceStep {
  name: string;
  endpoint: string;
  run(ctx: ConformanceContext): Promise<Omit<StepResult, 'step' | 'endpoint'>>;
}

/** The JSON report. */
export interface ConformanceReport {
  tool: 'kki-doku-conformance';
  startedAt: string;
  baseUrl: string;
  steps: StepResult[];
  summary: Record<StepVerdict, number>;
  /** True when no step failed. */
  ok: boolean;
}
