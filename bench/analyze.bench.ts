/**
 * `npm run bench`: throughput, latency percentiles and peak memory of analyze() over the dev texts,
 * the same texts through the peers redact-pii and @openredaction/openredaction, and the time for
 * the 100 KB adversarial inputs. Quote medians and ratios: the machine is shared and noisy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenRedaction } from '@openredaction/openredaction';
import redactPii from 'redact-pii';
import { analyze } from '../src/core/analyze.js';
import { renderTable } from '../src/cli/table.js';
import { ADVERSARIAL_INPUTS } from '../test/adversarial-inputs.js';
import { timeEach, us, type LatencySummary } from './stats.js';

const dataPath = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'dev.jsonl');
const texts = readFileSync(dataPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { text: string }).text);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

const rows: [string, LatencySummary][] = [];
const bulwark = timeEach(texts, ROUNDS, (t) => analyze(t));
rows.push(['bulwark analyze()', bulwark]);
const redactor = new redactPii.SyncRedactor();
rows.push(['redact-pii SyncRedactor.redact()', timeEach(texts, Math.max(1, ROUNDS / 4), (t) => redactor.redact(t))]);
const openRedaction = new OpenRedaction();
rows.push(['@openredaction detect()', timeEach(texts, Math.max(1, ROUNDS / 10), (t) => openRedaction.detect(t))]);

const meanLength = texts.reduce((s, t) => s + t.length, 0) / texts.length;
console.log(`\n${texts.length} dev texts (mean ${meanLength.toFixed(0)} chars), ${ROUNDS} rounds for bulwark\n`);
console.log(
  renderTable(
    ['engine', 'posts/s', 'mean', 'p50', 'p99', 'p50 vs bulwark'],
    rows.map(([name, s]) => [name, s.perSecond.toFixed(0), us(s.meanUs), us(s.p50Us), us(s.p99Us), `${(s.p50Us / bulwark.p50Us).toFixed(1)}x`]),
  ),
);

const adversarial = Object.entries(ADVERSARIAL_INPUTS).map(([name, text]) => {
  const start = process.hrtime.bigint();
  analyze(text);
  return [name, `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)} ms`];
});
console.log('\n100 KB adversarial inputs (one analyze() each)\n');
console.log(renderTable(['input', 'time'], adversarial));
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (includes the peers)`);
