import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { PROJECT_ROOT } from '../db/migrate';

/** Running from the TypeScript sources (Jest, test/support/register-ts.js), a worker compiles them with this hook. */
const REGISTER_TS = path.join(PROJECT_ROOT, 'test', 'support', 'register-ts.js');

/**
 * Start the worker whose entry is `name` (without extension) in this folder: compiled (dist/*.js) a file beside this
 * one; from the sources a .ts file, loaded through the hook.
 */
export function startWorker(name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const fromSource = __filename.endsWith('.ts');
  const entry = path.join(__dirname, `${name}${fromSource ? '.ts' : '.js'}`);
  return fromSource
    ? new Worker(`require(${JSON.stringify(REGISTER_TS)}); require(${JSON.stringify(entry)});`, { eval: true, workerData, resourceLimits })
    : new Worker(entry, { workerData, resourceLimits });
}
