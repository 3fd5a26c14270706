#!/usr/bin/env node
import { Command, Option } from 'commander';
import { runEval } from './eval.js';
import { EXIT_OK, EXIT_SOME_LINES_FAILED, EXIT_UNUSABLE, scan } from './scan.js';
import { DEFAULT_DB, DEFAULT_KEY_FILE, type StoreOptions } from './context.js';
import { auditVerify, ingestFile, purge } from './ingest.js';
import { watchlistAdd, watchlistImport, watchlistList, watchlistRemove } from './watchlist.js';
import { parseExamples, policyCheck, policyTest } from './policy.js';
import { serve, type ServeOptions } from './serve.js';
import { DEFAULT_PREFIX, DEFAULT_QUEUE, worker, type WorkerOptions } from './worker.js';
import { dlqList, dlqReplay, type DlqOptions } from './dlq.js';
import { keysCreate, keysList, keysRevoke, type KeysCreateOptions } from './keys.js';
import { usersCreate, usersDisable, usersList, type UsersCreateOptions } from './users.js';
import { DEFAULT_RATE_LIMIT } from '../http/app.js';
import { ENGINE_VERSION } from '../core/version.js';
import { parseDuration } from '../store/retention.js';
import type { WatchlistIdentifier } from '../store/watchlist.js';
import type { InputFormat } from './input/posts.js';
import type { RedactionMode } from '../core/redact.js';

const out = (s: string) => process.stdout.write(s + '\n');
const err = (s: string) => process.stderr.write(s + '\n');

const program = new Command()
  .name('bulwark')
  .description('Finds doxxing, targeted threats and bounties in posts.')
  .version(ENGINE_VERSION)
  .showHelpAfterError();

/** Runs a command body; its result is the exit code; any error becomes one clear line on stderr and exit code 2. */
async function run(name: string, body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    err(`bulwark ${name}: ${describe(error)}`);
    process.exitCode = EXIT_UNUSABLE;
  }
}

/** A command whose success is simply not throwing. */
const ok =
  (fn: () => Promise<void> | void) =>
  async (): Promise<number> => {
    await fn();
    return EXIT_OK;
  };

const withStoreOptions = (command: Command): Command =>
  command
    .option('--db <url>', 'SQLite file or postgres:// URL (env BULWARK_DB)', DEFAULT_DB)
    .option('--key-file <path>', 'keyed-hash secret, kept outside the database (env BULWARK_KEY_FILE; BULWARK_HASH_KEYS overrides)', DEFAULT_KEY_FILE)
    .option('--actor <name>', 'who is acting, for the audit log');

program
  .command('scan')
  .description('Analyze posts from a JSONL, CSV or plain-text file (or - for stdin); one JSON line out per post')
  .argument('<file>', 'input file, or - for standard input')
  .addOption(new Option('--format <format>', 'input format (default: from the file extension, else sniffed)').choices(['jsonl', 'csv', 'text']))
  .option('--text-column <name>', 'JSONL field / CSV column holding the post text', 'text')
  .option('--id-column <name>', 'JSONL field / CSV column holding the post id', 'id')
  .addOption(new Option('--redact [mode]', 'add the redacted text to each line').choices(['placeholder', 'mask']).preset('placeholder'))
  .action((file: string, opts: { format?: InputFormat; textColumn: string; idColumn: string; redact?: RedactionMode }) =>
    run('scan', async () => {
      const summary = await scan(file, opts, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
      if (summary.failed > 0) err(`bulwark scan: ${summary.failed} line(s) failed, ${summary.posts} post(s) scanned`);
      return summary.failed > 0 ? EXIT_SOME_LINES_FAILED : EXIT_OK;
    }),
  );

program
  .command('eval')
  .description('Measure detection quality on labelled JSONL sets (shared/data/FORMAT.md)')
  .requiredOption('--data <files...>', 'labelled JSONL file(s)')
  .option('--json', 'print machine-readable JSON')
  .option('--errors', 'list every missed and spurious span and label (prints post text: for local analysis only)')
  .option('--sweep', 'print F1 per label at a range of decision thresholds')
  .action((opts: { data: string[]; json?: boolean; errors?: boolean; sweep?: boolean }) => run('eval', ok(() => runEval(opts, out))));

withStoreOptions(program.command('ingest'))
  .description('Store posts from JSONL ({"source","id","text","channel"?,"author"?}) through the ingest pipeline; one outcome line per post')
  .argument('<file>', 'input file, or - for standard input')
  .option('--source <name>', 'source for lines without one')
  .option('--policy <file>', 'policy YAML deciding the actions (default: the built-in policy)')
  .action((file: string, opts: StoreOptions & { source?: string; policy?: string }) =>
    run('ingest', async () => {
      const c = await ingestFile(opts, file, process.stdin, out, err);
      err(`bulwark ingest: ${c.stored} stored, ${c.duplicate} duplicate, ${c.rejected} rejected, ${c.unreadable} unreadable`);
      return c.rejected + c.unreadable > 0 ? EXIT_SOME_LINES_FAILED : EXIT_OK;
    }),
  );

const watchlist = program.command('watchlist').description('Protected persons: identifiers are stored as keyed hashes only and never shown back');
const collect = (value: string, previous: string[] = []) => [...previous, value];
withStoreOptions(watchlist.command('add'))
  .description('Register a protected person (tip: `watchlist import` keeps identifiers out of shell history)')
  .requiredOption('--label <text>', 'alias or case reference (not an identifier)')
  .option('--name <name>', 'name or variant (repeatable)', collect)
  .option('--relative <name>', "a relative's name (repeatable)", collect)
  .option('--phone <number>', 'repeatable', collect)
  .option('--email <address>', 'repeatable', collect)
  .option('--address <address>', 'home address (repeatable)', collect)
  .option('--plate <plate>', 'repeatable', collect)
  .option('--gov-id <id>', 'repeatable', collect)
  .action((opts: StoreOptions & { label: string; name?: string[]; relative?: string[]; phone?: string[]; email?: string[]; address?: string[]; plate?: string[]; govId?: string[] }) =>
    run(
      'watchlist add',
      ok(() => {
      const ids: WatchlistIdentifier[] = [
        ...(opts.name ?? []).map((value) => ({ field: 'name' as const, value })),
        ...(opts.relative ?? []).map((value) => ({ field: 'relative_name' as const, value })),
        ...(opts.phone ?? []).map((value) => ({ field: 'phone' as const, value })),
        ...(opts.email ?? []).map((value) => ({ field: 'email' as const, value })),
        ...(opts.address ?? []).map((value) => ({ field: 'address' as const, value })),
        ...(opts.plate ?? []).map((value) => ({ field: 'plate' as const, value })),
        ...(opts.govId ?? []).map((value) => ({ field: 'gov_id' as const, value })),
      ];
        return watchlistAdd(opts, opts.label, ids, out);
      }),
    ),
  );
withStoreOptions(watchlist.command('import'))
  .description('Register protected persons from a CSV with header label,field,value (fields: name, relative_name, phone, email, address, plate, gov_id); all or nothing')
  .argument('<file>')
  .action((file: string, opts: StoreOptions) => run('watchlist import', async () => ((await watchlistImport(opts, file, out, err)) ? EXIT_OK : EXIT_SOME_LINES_FAILED)));
withStoreOptions(watchlist.command('list'))
  .description('List protected persons (labels and counts only)')
  .option('--json', 'machine-readable')
  .action((opts: StoreOptions & { json?: boolean }) => run('watchlist list', ok(() => watchlistList(opts, opts.json === true, out))));
withStoreOptions(watchlist.command('remove'))
  .description('Remove a protected person (their hashes are deleted)')
  .argument('<id>')
  .action((id: string, opts: StoreOptions) =>
    run('watchlist remove', async () => {
      if (!/^\d+$/.test(id)) throw new Error(`"${id}" is not a watchlist id (see watchlist list)`);
      return (await watchlistRemove(opts, Number(id), out)) ? EXIT_OK : EXIT_SOME_LINES_FAILED;
    }),
  );

const audit = program.command('audit').description('The hash-chained audit log');
withStoreOptions(audit.command('verify'))
  .description('Recompute the chain; report the first broken link (exit 1)')
  .action((opts: StoreOptions) => run('audit verify', async () => ((await auditVerify(opts, out)) ? EXIT_OK : EXIT_SOME_LINES_FAILED)));

withStoreOptions(program.command('purge'))
  .description('Delete post text past retention; decisions, hashes and the audit trail stay')
  .requiredOption('--older-than <duration>', 'e.g. 90d, 12h')
  .action((opts: StoreOptions & { olderThan: string }) => run('purge', ok(() => purge(opts, parseDuration(opts.olderThan), out))));

program
  .command('serve')
  .description('Run the HTTP API (OpenAPI at /openapi.json, docs at /docs) until SIGTERM or SIGINT')
  .option('--db <url>', 'SQLite file or postgres:// URL (env BULWARK_DB)', DEFAULT_DB)
  .option('--key-file <path>', 'keyed-hash secret (env BULWARK_KEY_FILE; BULWARK_HASH_KEYS overrides)', DEFAULT_KEY_FILE)
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--port <port>', 'port to listen on', '8080')
  .option('--rate-limit <n>', 'default requests per minute per API key', String(DEFAULT_RATE_LIMIT))
  .option('--policy <file>', 'YAML policy file (default: the built-in policy)')
  .option('--session-idle-minutes <n>', 'minutes without a request after which a signed-in session ends', '30')
  .option('--trust-proxy <addresses>', 'IPs or CIDRs (comma-separated) of reverse proxies whose X-Forwarded-For/-Proto to believe: client addresses for rate limits, Secure cookies behind TLS')
  .option('--queue <url>', 'publish posts to NATS JetStream (nats://host:port) for `bulwark worker` and answer 202 (env BULWARK_QUEUE; default: process in-process)', DEFAULT_QUEUE)
  .option('--stream-prefix <name>', 'prefix of the JetStream streams (env BULWARK_NATS_PREFIX)', DEFAULT_PREFIX)
  .option('--duplicate-window <duration>', 'a post re-sent within this window is dropped by JetStream, e.g. 2h', '2h')
  .action((opts: ServeOptions) => run('serve', ok(() => serve(opts, err))));

/** Options of the commands that talk to the queue. */
const withQueueOptions = (command: Command): Command =>
  command
    .option('--queue <url>', 'NATS JetStream, nats://host:port (env BULWARK_QUEUE)', DEFAULT_QUEUE)
    .option('--stream-prefix <name>', 'prefix of the JetStream streams (env BULWARK_NATS_PREFIX)', DEFAULT_PREFIX)
    .option('--duplicate-window <duration>', 'de-duplication window of the posts stream, e.g. 2h', '2h');

withQueueOptions(withStoreOptions(program.command('worker')))
  .description('Store posts queued by `serve --queue`: pull batches, assess and store each batch in one transaction, then acknowledge; until SIGTERM or SIGINT')
  .option('--policy <file>', 'YAML policy file (default: the built-in policy)')
  .option('--batch <n>', 'messages pulled and committed together', '100')
  .option('--in-flight <n>', 'batches processed at once', '1')
  .option('--max-deliver <n>', 'a message failing on its own this many deliveries goes to the dead letters', '5')
  .option('--ack-wait <seconds>', 'redeliver a message not acknowledged in this time (extended while it is worked on)', '30')
  .option('--metrics-port <port>', 'serve /metrics and /healthz on this port')
  .option('--metrics-host <host>', 'address for --metrics-port', '127.0.0.1')
  .action((opts: WorkerOptions) => run('worker', ok(() => worker(opts, err))));

const dlq = program.command('dlq').description('Dead letters: queued posts that failed for good (`serve --queue`)');
withQueueOptions(withStoreOptions(dlq.command('list')))
  .description('List dead letters (ids and reasons, never post text)')
  .option('--after <seq>', 'start after this sequence')
  .option('--limit <n>', 'at most this many', '100')
  .option('--json', 'machine-readable')
  .action((opts: DlqOptions & { json?: boolean; after?: string; limit: string }) => run('dlq list', ok(async () => void (await dlqList(opts, out)))));
withQueueOptions(withStoreOptions(dlq.command('replay')))
  .description('Publish dead letters to the work queue again, once the cause is fixed (audited)')
  .argument('[seq]', 'the dead-letter sequence (see dlq list)')
  .option('--all', 'every dead letter')
  .action((seq: string | undefined, opts: DlqOptions & { all?: boolean }) => run('dlq replay', async () => ((await dlqReplay(opts, seq, out, err)).failed > 0 ? EXIT_SOME_LINES_FAILED : EXIT_OK)));

const keys = program.command('keys').description('API keys of the HTTP API (stored as HMAC hashes; a key is shown once)');
withStoreOptions(keys.command('create'))
  .description('Create an API key and print it once on stdout')
  .requiredOption('--role <roles...>', 'ingest, reviewer, admin (repeatable or comma-separated; admin may do everything)')
  .option('--name <name>', 'who or what uses the key')
  .option('--rate-limit <n>', "requests per minute for this key (default: the server's)")
  .action((opts: KeysCreateOptions) => run('keys create', ok(() => keysCreate(opts, out, err))));
withStoreOptions(keys.command('list'))
  .description('List API keys (never their secrets)')
  .option('--json', 'machine-readable')
  .action((opts: StoreOptions & { json?: boolean }) => run('keys list', ok(() => keysList(opts, opts.json === true, out))));
withStoreOptions(keys.command('revoke'))
  .description('Revoke an API key at once')
  .argument('<id>')
  .action((id: string, opts: StoreOptions) => run('keys revoke', async () => ((await keysRevoke(opts, id, out)) ? EXIT_OK : EXIT_SOME_LINES_FAILED)));

const users = program.command('users').description('Reviewer and admin accounts of the review UI (passwords stored as argon2id hashes)');
withStoreOptions(users.command('create'))
  .description('Create an account; without --password-stdin a strong password is generated and printed once on stdout')
  .requiredOption('--username <name>', 'letters, digits or . _ @ - (stored lower-cased)')
  .requiredOption('--role <role>', 'reviewer or admin')
  .option('--password-stdin', 'read the password from the first line of stdin')
  .action((opts: UsersCreateOptions) => run('users create', ok(() => usersCreate(opts, process.stdin, out, err))));
withStoreOptions(users.command('list'))
  .description('List accounts (never passwords)')
  .option('--json', 'machine-readable')
  .action((opts: StoreOptions & { json?: boolean }) => run('users list', ok(() => usersList(opts, opts.json === true, out))));
withStoreOptions(users.command('disable'))
  .description('Disable an account for good; its sessions end at once')
  .argument('<username>')
  .action((username: string, opts: StoreOptions) => run('users disable', async () => ((await usersDisable(opts, username, out)) ? EXIT_OK : EXIT_SOME_LINES_FAILED)));

const policy = program.command('policy').description('Policy rules in CEL: actions and notifications from the assessment (policies/README.md)');
policy
  .command('check')
  .description('Validate a policy file; every problem is listed with its line, column and rule (exit 1 when invalid)')
  .argument('<file>', 'policy YAML file')
  .action((file: string) => run('policy check', async () => (policyCheck(file, out, err) ? EXIT_OK : EXIT_SOME_LINES_FAILED)));
policy
  .command('test')
  .description('Backtest a policy on JSONL posts (labelled sets or {"id","text","source"?,"channel"?}): matches per rule, posts per action, changes against the live policy')
  .requiredOption('--policy <file>', 'policy YAML file to try')
  .requiredOption('--data <files...>', 'JSONL file(s) of posts')
  .option('--live <file>', 'policy to compare with (default: the built-in policy, policies/default.yaml)')
  .option('--examples <n>', 'example post ids listed per change', parseExamples, 5)
  .option('--json', 'print machine-readable JSON')
  .action((opts: { policy: string; data: string[]; live?: string; examples: number; json?: boolean }) =>
    run('policy test', async () => ((await policyTest(opts, out, err)).unreadable > 0 ? EXIT_SOME_LINES_FAILED : EXIT_OK)),
  );

/** Errors from the file system name the path and the cause, never file contents. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return `no such file: ${e.path ?? ''}`;
    if (e.code === 'EISDIR') return `is a directory: ${e.path ?? ''}`;
    return error.message;
  }
  return String(error);
}

await program.parseAsync();
