// Runs the conformance steps against a DOKU (its sandbox, or the offline one) and builds the report.
import { createDokuClient } from '../client/client.js';
import type { DokuClientOptions } from '../client/options.js';
import { CONFORMANCE_STEPS } from './steps/index.js';
import type { ConformanceReport, ConformanceStep, StepResult, StepVerdict } from './types.js';

/** What a run needs: the client options a BFF would use, and the test card. */
export interface ConformanceOptions {
  client: DokuClientOptions;
  /** A KKI test CPAN DOKU's sandbox knows (binding step). */
  testCpan: string;
  /** Steps to run; default every step of `CONFORMANCE_STEPS`. */
  steps?: readonly ConformanceStep[];
  /** Unique suffix for references; default from the clock. */
  runId?: string;
}

/** Runs each step once, in order, and never throws for a step's failure (it becomes a FAIL). */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const startedAt = new Date().toISOString();
  const client = createDokuClient({ ...options.client, retries: 0 });
  // One character of the secret changed: the signature is well-formed but wrong.
  const secret = options.client.secretKey;
  const wrong = `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`;
  const badSignatureClient = createDokuClient({ ...options.client, secretKey: wrong, retries: 0 });
  const runId = options.runId ?? `${Date.now()}`.slice(-10);
  const ctx = { client, badSignatureClient, testCpan: options.testCpan, runId };
  const steps: StepResult[] = [];
  for (const step of options.steps ?? CONFORMANCE_STEPS) {
    let result: Omit<StepResult, 'step' | 'endpoint'>;
    try {
      result = await step.run(ctx);
    } catch (err) {
      // A step's own bug: reported as a failure, named but without a message that could hold data.
      result = {
        verdict: 'FAIL',
        detail: `step crashed (${err instanceof Error ? err.name : 'error'})`,
        questions: [],
      };
    }
    steps.push({ step: step.name, endpoint: step.endpoint, ...result });
  }
  const summary: Record<StepVerdict, number> = { PASS: 0, FAIL: 0, UNKNOWN: 0, SKIP: 0 };
  for (const s of steps) summary[s.verdict] += 1;
  return {
    tool: 'kki-doku-conformance',
    startedAt,
    baseUrl: options.client.baseUrl,
    steps,
    summary,
    ok: summary.FAIL === 0,
  };
}

/** The report as text lines: one per step, then one per open-question finding. */
export function formatReport(report: ConformanceReport): string {
  const lines = [`DOKU conformance against ${report.baseUrl}`];
  for (const s of report.steps) {
    const code = s.responseCode ? ` ${s.responseCode}` : s.httpStatus ? ` HTTP ${s.httpStatus}` : '';
    lines.push(`${s.verdict.padEnd(7)} ${s.step} (${s.endpoint})${code}: ${s.detail}`);
    for (const q of s.questions) lines.push(`        open question ${q.question}: ${q.finding} (${q.note})`);
  }
  const { PASS, FAIL, UNKNOWN, SKIP } = report.summary;
  lines.push(`${PASS} passed, ${FAIL} failed, ${UNKNOWN} unknown, ${SKIP} skipped`);
  return lines.join('\n');
}
