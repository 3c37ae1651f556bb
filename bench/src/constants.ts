// What the bench's BFF and its load generator agree on.

/** Where the BFF is mounted on its host app. */
export const BFF_MOUNT = '/api/kki';
/** The header the bench's authenticate hook reads the customer from. */
export const BENCH_CUSTOMER_HEADER = 'x-bench-customer';
/** Customers the orders are spread over. */
export const CUSTOMERS = 32;
/** Every order's amount (IDR). */
export const AMOUNT = 150_000;

/** The concurrency of the load's warm-up: enough callers that every party's hot paths run many times. */
export const WARMUP_CONCURRENCY = 8;
/** Untimed requests per path and operation before the load levels (`LoadOptions.warmup`'s default). */
export const DEFAULT_WARMUP = 1000;
