#!/usr/bin/env node
import { Command } from 'commander';
import { runEval } from './eval.js';
import { ENGINE_VERSION } from '../core/version.js';

const program = new Command()
  .name('bulwark')
  .description('Finds doxxing, targeted threats and bounties in posts.')
  .version(ENGINE_VERSION);

program
  .command('eval')
  .description('Measure detection quality on labelled JSONL sets (shared/data/FORMAT.md)')
  .requiredOption('--data <files...>', 'labelled JSONL file(s)')
  .option('--json', 'print machine-readable JSON')
  .option('--errors', 'list every missed and spurious span (contains post text: for local analysis only)')
  .action((opts: { data: string[]; json?: boolean; errors?: boolean }) => {
    runEval(opts, (s) => process.stdout.write(s + '\n'));
  });

await program.parseAsync();
