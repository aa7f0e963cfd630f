import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout root. */
export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
