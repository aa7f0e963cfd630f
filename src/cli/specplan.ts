#!/usr/bin/env node
import { runSpecplan } from './main.js';

process.exitCode = await runSpecplan(process.argv.slice(2));
