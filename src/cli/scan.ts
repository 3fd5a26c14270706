import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { analyze } from '../core/analyze.js';
import { redactFindings, type RedactionMode } from '../core/redact.js';
import { toOutputLine } from './output.js';
import { detectFormat, readPosts, type InputFormat } from './input/posts.js';

export interface ScanOptions {
  readonly format?: InputFormat;
  readonly textColumn: string;
  readonly idColumn: string;
  readonly redact?: RedactionMode;
}

export interface ScanIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
}

export interface ScanSummary {
  readonly posts: number;
  readonly failed: number;
}

/** Exit codes: 0 every line scanned, 1 some lines failed (each reported on stderr), 2 unusable input. */
export const EXIT_OK = 0;
export const EXIT_SOME_LINES_FAILED = 1;
export const EXIT_UNUSABLE = 2;

export async function scan(source: string, options: ScanOptions, io: ScanIo): Promise<ScanSummary> {
  const fromStdin = source === '-';
  const format = options.format ?? (fromStdin ? 'jsonl' : detectFormat(source, peek(source)));
  const stream = fromStdin ? io.stdin : createReadStream(source);
  const name = fromStdin ? 'stdin' : source;
  const progress = !fromStdin && io.stderr.isTTY ? new SingleBar({ stream: io.stderr, clearOnComplete: true, format: ' scanning {bar} {percentage}% | {posts} posts | {failed} failed' }) : undefined;
  const total = progress ? statSync(source).size : 0;
  progress?.start(total, 0, { posts: 0, failed: 0 });

  let posts = 0;
  let failed = 0;
  const write = (s: string) => (io.stdout.write(s) ? undefined : new Promise<void>((resolve) => io.stdout.once('drain', () => resolve())));
  for await (const item of readPosts(stream, { format, textField: options.textColumn, idField: options.idColumn })) {
    if (item.kind === 'error') {
      failed++;
      io.stderr.write(`bulwark scan: ${name}:${item.line}: ${item.reason}; line skipped\n`);
    } else {
      posts++;
      const result = analyze({ id: item.id, text: item.text });
      const redacted = options.redact ? redactFindings(item.text, result.findings, { mode: options.redact }) : undefined;
      await write(JSON.stringify(toOutputLine(item.id, item.line, result, redacted)) + '\n');
    }
    if (progress && (posts + failed) % 100 === 0) progress.update((stream as { bytesRead?: number }).bytesRead ?? 0, { posts, failed });
  }
  progress?.update(total, { posts, failed });
  progress?.stop();
  return { posts, failed };
}

function peek(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1024);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}
