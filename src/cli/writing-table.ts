import type { CommandModule } from './program.js';
import type { WRITING_COMMANDS } from './writing-commands.js';
import * as indexCommand from './commands/index.js';
import * as newCommand from './commands/new.js';
import * as submitCommand from './commands/submit.js';
import * as approveCommand from './commands/approve.js';
import * as reviseCommand from './commands/revise.js';
import * as rejectCommand from './commands/reject.js';
import * as supersedeCommand from './commands/supersede.js';
import * as withdrawCommand from './commands/withdraw.js';
import * as deprecateCommand from './commands/deprecate.js';
import * as snapshotCommand from './commands/snapshot.js';
import * as hooksCommand from './commands/hooks.js';
import * as reportCommand from './commands/report.js';

/**
 * The writing commands' modules, registered by the full CLI (`main.ts`) and by the writing
 * commands' own bundle (`writing.ts`).
 */
export const WRITING: Readonly<Record<(typeof WRITING_COMMANDS)[number], CommandModule>> = {
  index: indexCommand,
  new: newCommand,
  submit: submitCommand,
  approve: approveCommand,
  revise: reviseCommand,
  reject: rejectCommand,
  supersede: supersedeCommand,
  withdraw: withdrawCommand,
  deprecate: deprecateCommand,
  snapshot: snapshotCommand,
  hooks: hooksCommand,
  report: reportCommand,
};
