// The OpenAPI 3.1 document of the BFF, generated from the contract's route table and zod schemas
// (zod 4's JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses as is).
import {
  apiErrorBodySchema,
  COMMON_ROUTE_ERRORS,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_ROUTE_ERRORS,
  KKI_ERROR_CATALOGUE,
  KKI_LOCALE_HEADER,
  KKI_RESPONSE_MEDIA_TYPES,
  KKI_REQUEST_HEADER,
  type KkiErrorCode,
  type KkiMerchantRouteSpec,
  kkiMerchantRoutes,
  kkiRoutes,
  type KkiRouteSpec,
  MERCHANT_COMMON_ERRORS,
} from '@kki-kit/contract';
import * as z from 'zod';
import { NOTIFICATION_PATHS } from './notifications/paths.js';
import { HEALTH_PATHS } from './operations/health.js';

type JsonSchema = Record<string, unknown>;

/** A minimal typing of the parts of OpenAPI 3.1 the BFF emits. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/** The security schemes: the customer's session (browser routes) and the merchant API's key. */
const SECURITY_SCHEMES = {
  customerSession: {
    type: 'http',
    scheme: 'bearer',
    description:
      "The signed-in customer, as the BFF's `authenticate` hook reads it: with `kki-bff`, a customer token (`KKI_SESSION_SECRET`) as `Authorization: Bearer`; embedded, whatever the hook checks (e.g. the shop's session cookie).",
  },
  merchantApiKey: {
    type: 'http',
    scheme: 'bearer',
    description:
      'A merchant API key (`merchantApi.keys`, `KKI_MERCHANT_API_KEY`) as `Authorization: Bearer <key>`, server to server only; a customer session is never accepted.',
  },
} as const;

const schemaOf = (schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

function parameters(spec: KkiRouteSpec | KkiMerchantRouteSpec, browser = true): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: s,
      });
    }
  }
  if (spec.idempotent) {
    out.push({
      name: IDEMPOTENCY_KEY_HEADER,
      in: 'header',
      required: true,
      description: browser
        ? 'One key per customer action; the same key and body replays the first answer.'
        : 'One key per operation (e.g. your order or refund id); a retry with the same key and body replays the first answer, another body is refused (422).',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,255}$' },
    });
  }
  if (browser && 'audience' in spec && spec.method !== 'GET' && spec.audience !== 'redirect') {
    out.push({ name: KKI_REQUEST_HEADER, in: 'header', required: true, schema: { const: '1' } });
  }
  out.push({ name: KKI_LOCALE_HEADER, in: 'header', required: false, schema: { enum: ['id', 'en'] } });
  return out;
}

function errorResponses(codes: readonly KkiErrorCode[]): Record<string, JsonSchema> {
  const byStatus = new Map<number, KkiErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = KKI_ERROR_CATALOGUE[code].httpStatus;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, JsonSchema> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: `Error: ${list.join(', ')}`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } } },
    };
  }
  return out;
}

/** One operation of the merchant API: its own security scheme, no CSRF header. */
function merchantOperation(id: string, spec: KkiMerchantRouteSpec): JsonSchema {
  const errors = [
    ...MERCHANT_COMMON_ERRORS,
    ...(spec.idempotent ? IDEMPOTENT_ROUTE_ERRORS : []),
    ...spec.errors,
  ] as KkiErrorCode[];
  return {
    operationId: id,
    summary: spec.summary,
    tags: ['merchant'],
    'x-kki-idempotent': spec.idempotent,
    security: [{ merchantApiKey: [] }],
    parameters: parameters(spec, false),
    ...(spec.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: schemaOf(spec.body, 'input') } },
      },
    }),
    responses: {
      [String(spec.successStatus)]: {
        description: spec.summary,
        content: { 'application/json': { schema: schemaOf(spec.response, 'output') } },
      },
      ...errorResponses(errors),
    },
  };
}

/**
 * Builds the document; `serverUrl` is the BFF's public URL including its mount path. `mounted`
 * (route ids, plus `dokuSnapNotification` / `dokuCardsNotification`) limits it to the routes the app
 * serves; without it every route of the table is listed.
 */
export function createOpenApiDocument(serverUrl: string, mounted?: ReadonlySet<string>): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const has = (id: string) => mounted === undefined || mounted.has(id);
  for (const [id, spec] of Object.entries(kkiRoutes) as [string, KkiRouteSpec][]) {
    if (!has(id)) continue;
    const errors = [
      ...COMMON_ROUTE_ERRORS,
      ...(spec.idempotent ? IDEMPOTENT_ROUTE_ERRORS : []),
      ...spec.errors,
    ] as KkiErrorCode[];
    const operation: JsonSchema = {
      operationId: id,
      summary: spec.summary,
      tags: [spec.audience],
      'x-kki-audience': spec.audience,
      'x-kki-idempotent': spec.idempotent,
      ...(spec.rateLimit && { 'x-kki-rate-limit': spec.rateLimit }),
      ...(spec.audience === 'customer' && { security: [{ customerSession: [] }] }),
      parameters: parameters(spec),
      ...(spec.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: schemaOf(spec.body, 'input') } },
        },
      }),
      responses: {
        [String(spec.successStatus)]: {
          description: spec.summary,
          content: {
            [KKI_RESPONSE_MEDIA_TYPES[spec.responseType]]: {
              schema: schemaOf(spec.response, 'output'),
            },
          },
        },
        ...errorResponses(errors),
      },
    };
    const path = openApiPath(spec.path);
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation };
  }
  for (const [id, spec] of Object.entries(kkiMerchantRoutes) as [string, KkiMerchantRouteSpec][]) {
    if (!has(id)) continue;
    const path = openApiPath(spec.path);
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: merchantOperation(id, spec) };
  }
  const ack = {
    description: "Acknowledged in DOKU's format.",
    content: { 'application/json': { schema: { type: 'object' } } },
  };
  if (has('dokuSnapNotification'))
    paths[NOTIFICATION_PATHS.snap] = {
      post: {
        operationId: 'dokuSnapNotification',
        summary: 'DOKU SNAP (KKI) payment notification; signature-verified (HMAC-SHA512 or RSA).',
        tags: ['doku'],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { '200': ack, '401': ack, '400': ack },
      },
    };
  if (has('dokuCardsNotification'))
    paths[NOTIFICATION_PATHS.nonSnap] = {
      post: {
        operationId: 'dokuCardsNotification',
        summary: 'DOKU Non-SNAP (Cards and Checkout) notification; signature-verified (HMACSHA256).',
        tags: ['doku'],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { '200': ack, '401': ack, '400': ack },
      },
    };
  if (has('dokuSnapNotificationToken'))
    paths[NOTIFICATION_PATHS.snapToken] = {
      post: {
        operationId: 'dokuSnapNotificationToken',
        summary:
          "The merchant B2B token DOKU requests before an HMAC-mode SNAP notification; DOKU's RSA signature over `clientId|X-TIMESTAMP` is verified.",
        tags: ['doku'],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
        responses: { '200': ack, '401': ack },
      },
    };
  const status = (values: string[]) => ({
    type: 'object',
    required: ['status'],
    properties: { status: { enum: values }, reason: { type: 'string' } },
  });
  paths[HEALTH_PATHS.live] = {
    get: {
      operationId: 'getHealth',
      summary: 'Liveness: the process serves HTTP.',
      tags: ['operations'],
      responses: {
        '200': { description: 'Alive', content: { 'application/json': { schema: status(['ok']) } } },
      },
    },
  };
  paths[HEALTH_PATHS.ready] = {
    get: {
      operationId: 'getReadiness',
      summary:
        'Readiness: the store answers and every migration is applied (503 otherwise, or while stopping).',
      tags: ['operations'],
      responses: {
        '200': { description: 'Ready', content: { 'application/json': { schema: status(['ready']) } } },
        '503': {
          description: 'Not ready; `reason` says why',
          content: { 'application/json': { schema: status(['unavailable']) } },
        },
      },
    },
  };
  paths['/openapi.json'] = {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This document.',
      tags: ['meta'],
      responses: {
        '200': {
          description: 'OpenAPI 3.1',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'kki-kit BFF',
      version: '0.1.0',
      description:
        'Browser-facing API of the kki-kit BFF for DOKU KKI (DOKU Checkout, or host-to-host for PCI DSS merchants) and Cards payments, and the merchant API (`/merchant`, server to server, API key). Amounts come from the stored order, never from the browser.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { ApiErrorBody: schemaOf(apiErrorBodySchema, 'output') },
      securitySchemes: { ...SECURITY_SCHEMES },
    },
  };
}
