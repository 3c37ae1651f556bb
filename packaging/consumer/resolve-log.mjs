// Loaded with `node --import ./resolve-log.mjs`: appends every module the process resolves through
// Node's ESM loader to the file named by KKI_RESOLVE_LOG ("<specifier> <url>" per line), so a test
// can tell which packages a script really loaded.
import { register } from 'node:module';

register('./resolve-log-hooks.mjs', import.meta.url);
