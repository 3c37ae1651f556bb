import type * as z from 'zod';

/** One validation failure in DOKU's terms: `400xx01 Invalid Field Format {field}` or `400xx02 Invalid Mandatory Field {field}`. */
export interface WireIssue {
  kind: 'format' | 'mandatory';
  /** Dotted path, array indexes in brackets: `additionalInfo.lineItems[0].name`. */
  field: string;
}

type Issue = z.core.$ZodIssue;

/** `['additionalInfo', 'lineItems', 0, 'name']` -> `additionalInfo.lineItems[0].name`. */
export function wireFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The value at `path` inside a parsed JSON body, or `undefined` when any step is missing. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function isMandatory(issue: Issue, input: unknown): boolean {
  const params = (issue as { params?: { kind?: unknown } }).params;
  if (params?.kind === 'mandatory') return true;
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return true;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') {
    if ('input' in issue) return issue.input === undefined || issue.input === null;
    if (input !== undefined) {
      const v = valueAt(input, issue.path);
      return v === undefined || v === null;
    }
    return /received undefined/.test(issue.message);
  }
  return false;
}

/**
 * Classifies zod issues the way DOKU reports a bad request: a missing, null or empty required field
 * is `mandatory`, anything else `format`. Pass the parsed `input` for exact answers (zod issues do
 * not always carry it). Returns one entry per issue, in schema order.
 */
export function describeWireIssues(issues: readonly Issue[], input?: unknown): WireIssue[] {
  return issues.map((issue) => ({
    kind: isMandatory(issue, input) ? 'mandatory' : 'format',
    field: wireFieldPath(issue.path),
  }));
}

/** The first issue in DOKU's terms (DOKU names one field per error), or `undefined` for none. */
export function describeWireIssue(issues: readonly Issue[], input?: unknown): WireIssue | undefined {
  return describeWireIssues(issues.slice(0, 1), input)[0];
}

/**
 * The SNAP error a validation failure maps to: `400{serviceCode}02 Invalid Mandatory Field {field}`
 * or `400{serviceCode}01 Invalid Field Format {field}` (doku-api.md §6.3).
 */
export function snapValidationError(
  serviceCode: string,
  issue: WireIssue,
): { httpStatus: 400; responseCode: string; responseMessage: string } {
  return issue.kind === 'mandatory'
    ? {
        httpStatus: 400,
        responseCode: `400${serviceCode}02`,
        responseMessage: `Invalid Mandatory Field ${issue.field}`,
      }
    : {
        httpStatus: 400,
        responseCode: `400${serviceCode}01`,
        responseMessage: `Invalid Field Format ${issue.field}`,
      };
}

/** Result of `parseWire`. */
export type WireParseResult<T> =
  | { success: true; data: T }
  | { success: false; issue: WireIssue; issues: WireIssue[] };

/**
 * Validates a parsed JSON body against a wire schema and, on failure, names the first bad field the
 * way DOKU does (see `snapValidationError`).
 */
export function parseWire<S extends z.ZodType>(schema: S, input: unknown): WireParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  const issues = describeWireIssues(result.error.issues, input);
  // zod always reports at least one issue on failure; the fallback keeps the type total.
  return { success: false, issue: issues[0] ?? { kind: 'format', field: '' }, issues };
}
