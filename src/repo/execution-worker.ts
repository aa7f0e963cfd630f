import { parentPort, workerData } from 'node:worker_threads';
import { loadExecution } from './execution.js';

/**
 * Worker entry: read the execution status (YAML ledger + git trailers) of `workerData.root` off
 * the main thread, so that on a 2-core machine it overlaps with parsing the plans.
 */
const root = (workerData as { root: string }).root;
parentPort?.postMessage(await loadExecution(root));
