import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { MAX_TEXT_LENGTH } from '../../core/limits.js';
import { byteLines, decodeUtf8 } from './byte-lines.js';

export type InputFormat = 'jsonl' | 'csv' | 'text';

/** A post read from input, or the reason one line of input could not be read. */
export type InputItem =
  | { readonly kind: 'post'; readonly line: number; readonly id: string; readonly text: string; readonly fields: Readonly<Record<string, unknown>> }
  | { readonly kind: 'error'; readonly line: number; readonly reason: string };

export interface ReadOptions {
  readonly format: InputFormat;
  /** JSONL field or CSV column holding the text. */
  readonly textField: string;
  /** JSONL field or CSV column holding the id; absent ids become `line:<n>`. */
  readonly idField: string;
  readonly maxTextLength?: number;
}

/** A UTF-8 character is at most 4 bytes, a JSON escape at most 6 per code unit: lines beyond this cannot hold a valid post. */
const lineCap = (maxTextLength: number) => maxTextLength * 6 + 64 * 1024;

export function readPosts(stream: Readable, options: ReadOptions): AsyncGenerator<InputItem> {
  return options.format === 'csv' ? readCsv(stream, options) : readLines(stream, options);
}

const err = (line: number, reason: string): InputItem => ({ kind: 'error', line, reason });

function checkText(line: number, id: string, text: unknown, fields: Record<string, unknown>, max: number, field: string): InputItem {
  if (typeof text !== 'string') return err(line, `missing string field "${field}"`);
  if (text.length > max) return err(line, `text is ${text.length} UTF-16 code units, over the limit of ${max}`);
  return { kind: 'post', line, id, text, fields };
}

async function* readLines(stream: Readable, options: ReadOptions): AsyncGenerator<InputItem> {
  const max = options.maxTextLength ?? MAX_TEXT_LENGTH;
  for await (const { line, bytes, truncated } of byteLines(stream, lineCap(max))) {
    if (truncated) {
      yield err(line, `line is longer than ${lineCap(max)} bytes, over the size limit`);
      continue;
    }
    const decoded = decodeUtf8(bytes);
    if (decoded === undefined) {
      yield err(line, 'invalid UTF-8');
      continue;
    }
    const text = line === 1 ? decoded.replace(/^\uFEFF/, '') : decoded;
    if (text.trim() === '') continue;
    if (options.format === 'text') {
      yield checkText(line, `line:${line}`, text, {}, max, 'text');
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield err(line, `invalid JSON${jsonPosition(error)}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield err(line, 'expected a JSON object per line');
      continue;
    }
    const fields = value as Record<string, unknown>;
    const rawId = fields[options.idField];
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `line:${line}`;
    yield checkText(line, id, fields[options.textField], fields, max, options.textField);
  }
}

/** V8's JSON messages quote the input; only the position is safe to report. */
function jsonPosition(error: unknown): string {
  const m = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return m ? ` at column ${Number(m[1]) + 1}` : '';
}

async function* readCsv(stream: Readable, options: ReadOptions): AsyncGenerator<InputItem> {
  const max = options.maxTextLength ?? MAX_TEXT_LENGTH;
  const badLines = new Set<number>();
  const parser = parseCsv({ columns: true, bom: true, info: true, skip_empty_lines: true, skip_records_with_error: true, relax_column_count: false });
  const skipped: InputItem[] = [];
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push(err(error.lines ?? 0, `invalid CSV record (${csvReason(error)})`));
  });
  const feed = (async () => {
    try {
      for await (const { line, bytes, truncated } of byteLines(stream, lineCap(max))) {
        const decoded = decodeUtf8(bytes);
        if (decoded === undefined || truncated) badLines.add(line);
        const text = decoded ?? bytes.toString('utf8');
        if (!parser.write(text + '\n')) await new Promise((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  let previousEnd = 1;
  let checkedHeader = false;
  for await (const entry of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield* skipped.splice(0);
    const { record, info } = entry;
    const first = previousEnd + 1;
    const last = info.lines;
    previousEnd = last;
    if (!checkedHeader) {
      checkedHeader = true;
      if (!(options.textField in record)) {
        throw new InputFormatError(`CSV header has no column "${options.textField}" (use --text-column)`);
      }
    }
    const bad = [...badLines].find((l) => l >= first && l <= last);
    if (bad !== undefined) {
      yield err(bad, 'invalid UTF-8 or over-long line in CSV record');
      continue;
    }
    const rawId = record[options.idField];
    const id = rawId === undefined || rawId === '' ? `line:${first}` : rawId;
    yield checkText(first, id, record[options.textField], record, max, options.textField);
  }
  yield* skipped.splice(0);
  await feed;
}

function csvReason(error: Error & { code?: string }): string {
  return error.code ?? 'parse error';
}

/** The input as a whole cannot be read (not one bad line): reported once, exit code 2. */
export class InputFormatError extends Error {
  override readonly name = 'InputFormatError';
}

export function detectFormat(path: string, firstBytes: Buffer): InputFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.txt')) return 'text';
  const head = firstBytes.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{') ? 'jsonl' : 'text';
}
