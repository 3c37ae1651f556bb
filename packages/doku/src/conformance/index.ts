// The conformance run as a library (the CLI is `cli.ts`, bin `kki-doku-conformance`).
export { formatReport, runConformance, type ConformanceOptions } from './run.js';
export { CONFORMANCE_STEPS } from './steps/index.js';
export type {
  ConformanceContext,
  ConformanceReport,
  ConformanceStep,
  QuestionFinding,
  StepResult,
  StepVerdict,
} from './types.js';
