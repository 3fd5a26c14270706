#!/usr/bin/env node
import { Command, Option } from 'commander';
import { runEval } from './eval.js';
import { EXIT_OK, EXIT_SOME_LINES_FAILED, EXIT_UNUSABLE, scan } from './scan.js';
import { ENGINE_VERSION } from '../core/version.js';
import type { InputFormat } from './input/posts.js';
import type { RedactionMode } from '../core/redact.js';

const program = new Command()
  .name('bulwark')
  .description('Finds doxxing, targeted threats and bounties in posts.')
  .version(ENGINE_VERSION)
  .showHelpAfterError();

program
  .command('scan')
  .description('Analyze posts from a JSONL, CSV or plain-text file (or - for stdin); one JSON line out per post')
  .argument('<file>', 'input file, or - for standard input')
  .addOption(new Option('--format <format>', 'input format (default: from the file extension, else sniffed)').choices(['jsonl', 'csv', 'text']))
  .option('--text-column <name>', 'JSONL field / CSV column holding the post text', 'text')
  .option('--id-column <name>', 'JSONL field / CSV column holding the post id', 'id')
  .addOption(new Option('--redact [mode]', 'add the redacted text to each line').choices(['placeholder', 'mask']).preset('placeholder'))
  .action(async (file: string, opts: { format?: InputFormat; textColumn: string; idColumn: string; redact?: RedactionMode }) => {
    try {
      const summary = await scan(file, opts, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
      if (summary.failed > 0) process.stderr.write(`bulwark scan: ${summary.failed} line(s) failed, ${summary.posts} post(s) scanned\n`);
      process.exitCode = summary.failed > 0 ? EXIT_SOME_LINES_FAILED : EXIT_OK;
    } catch (error) {
      process.stderr.write(`bulwark scan: ${describe(error)}\n`);
      process.exitCode = EXIT_UNUSABLE;
    }
  });

program
  .command('eval')
  .description('Measure detection quality on labelled JSONL sets (shared/data/FORMAT.md)')
  .requiredOption('--data <files...>', 'labelled JSONL file(s)')
  .option('--json', 'print machine-readable JSON')
  .option('--errors', 'list every missed and spurious span and label (prints post text: for local analysis only)')
  .option('--sweep', 'print F1 per label at a range of decision thresholds')
  .action((opts: { data: string[]; json?: boolean; errors?: boolean; sweep?: boolean }) => {
    try {
      runEval(opts, (s) => process.stdout.write(s + '\n'));
    } catch (error) {
      process.stderr.write(`bulwark eval: ${describe(error)}\n`);
      process.exitCode = EXIT_UNUSABLE;
    }
  });

/** Errors from the file system name the path and the cause, never file contents. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path ?? ''}`;
    if (code === 'EISDIR') return `is a directory: ${(error as NodeJS.ErrnoException).path ?? ''}`;
    return error.message;
  }
  return String(error);
}

await program.parseAsync();
