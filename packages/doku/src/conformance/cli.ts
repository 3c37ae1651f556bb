#!/usr/bin/env node
// `kki-doku-conformance` (`pnpm conformance`): checks the kit's guesses against DOKU's sandbox with
// the merchant's own credentials, read from the same variables as `kki-bff`. Run it before going live.
//   KKI_DOKU_ENV            'sandbox' (default) or a base URL (e.g. the offline sandbox, `pnpm sandbox`)
//   KKI_DOKU_CLIENT_ID, KKI_DOKU_SECRET_KEY, KKI_DOKU_PRIVATE_KEY   SNAP credentials (required)
//   KKI_DOKU_PUBLIC_KEY, KKI_DOKU_NONSNAP_CLIENT_ID, KKI_DOKU_NONSNAP_SECRET_KEY   optional
//   KKI_DOKU_CARD_DATA_KEY  optional; the cardData key (seed 001's sharedKey) when DOKU gave one apart from the secret key
//   KKI_CONFORMANCE_CPAN    test card for the binding step; KKI_CONFORMANCE_REPORT  JSON report path
// Exits 0 when no step failed, 1 when one did, 2 for a configuration error.
import { writeFileSync } from 'node:fs';
import { conformanceOptionsFromEnv } from './env.js';
import { formatReport, runConformance } from './run.js';

async function main(): Promise<number> {
  let options: ReturnType<typeof conformanceOptionsFromEnv>;
  try {
    options = conformanceOptionsFromEnv(process.env);
  } catch (err) {
    console.error(`kki-doku-conformance: ${err instanceof Error ? err.message : 'bad configuration'}`);
    return 2;
  }
  const report = await runConformance({ client: options.client, testCpan: options.testCpan });
  console.log(formatReport(report));
  writeFileSync(options.reportPath, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`report: ${options.reportPath}`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`kki-doku-conformance: ${err instanceof Error ? err.name : 'error'}`);
    process.exit(1);
  },
);
