// The BFF's HTTP API: route table, request/response schemas, views and action results.
export * from './bindings.js';
export * from './card-payments.js';
export * from './card-page-height.js';
export * from './installments.js';
export * from './card-return-message.js';
export * from './checkout.js';
// The return page's constants, in a module without schemas: a browser bundle needing only them carries no zod.
export * from './checkout-return.js';
export * from './common.js';
export * from './events.js';
export * from './headers.js';
export * from './ids.js';
export * from './kki-payments.js';
export * from './merchant.js';
export * from './merchant-routes.js';
export * from './payment-labels.js';
export * from './payment-states.js';
export * from './refunds.js';
export * from './results.js';
export * from './route-descriptors.js';
export * from './routes.js';
export * from './view-enums.js';
export * from './views.js';
