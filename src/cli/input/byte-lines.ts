import type { Readable } from 'node:stream';

/** One physical line of input, as bytes without its line ending, numbered from 1. */
export interface ByteLine {
  readonly line: number;
  readonly bytes: Buffer;
  /** The line was longer than the cap: `bytes` holds only its start, the rest was discarded. */
  readonly truncated: boolean;
}

/**
 * Splits a byte stream into lines without decoding it, so invalid UTF-8 can be reported per line.
 * Memory stays bounded: bytes of a line past `maxLineBytes` are dropped and the line is marked.
 */
export async function* byteLines(stream: Readable, maxLineBytes: number): AsyncGenerator<ByteLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let truncated = false;
  let line = 0;
  const take = (chunk: Buffer) => {
    const room = maxLineBytes - pendingBytes;
    if (chunk.length > room) {
      truncated = true;
      if (room > 0) {
        pending.push(chunk.subarray(0, room));
        pendingBytes += room;
      }
      return;
    }
    pending.push(chunk);
    pendingBytes += chunk.length;
  };
  const flush = (): ByteLine => {
    let bytes = Buffer.concat(pending, pendingBytes);
    if (bytes.at(-1) === 0x0d) bytes = bytes.subarray(0, -1);
    const out = { line: ++line, bytes, truncated };
    pending = [];
    pendingBytes = 0;
    truncated = false;
    return out;
  };
  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
    let from = 0;
    for (let nl = chunk.indexOf(0x0a, from); nl !== -1; nl = chunk.indexOf(0x0a, from)) {
      take(chunk.subarray(from, nl));
      yield flush();
      from = nl + 1;
    }
    if (from < chunk.length) take(chunk.subarray(from));
  }
  if (pendingBytes > 0 || truncated) yield flush();
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8, or returns undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
