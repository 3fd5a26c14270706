/**
 * `npm run bench`: throughput, latency percentiles and peak memory over the dev texts of entity
 * detection alone (what the peers redact-pii and @openredaction/openredaction do, so the ratios
 * compare like with like) and of the full analyze() with labels; and the time for the 100 KB
 * adversarial inputs. Quote medians and ratios: the machine is shared and noisy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, findEntities } from '../src/core/analyze.js';
import { renderTable } from '../src/cli/table.js';
import { ADVERSARIAL_INPUTS } from '../test/adversarial-inputs.js';
import { timeEach, us, type LatencySummary } from './stats.js';

const dataPath = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'data', 'dev.jsonl');
const texts = readFileSync(dataPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { text: string }).text);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const mib = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

const detection = timeEach(texts, ROUNDS, (t) => findEntities(t));
const full = timeEach(texts, ROUNDS, (t) => analyze(t));
const bulwarkPeak = mib();

// The peers load only now, so the peak above is Bulwark's alone.
const redactPii = await import('redact-pii');
const { OpenRedaction } = await import('@openredaction/openredaction');
const redactor = new redactPii.SyncRedactor();
const openRedaction = new OpenRedaction();
const rows: [string, LatencySummary][] = [
  ['bulwark findEntities() (detection only)', detection],
  ['bulwark analyze() (detection + labels)', full],
  ['redact-pii SyncRedactor.redact()', timeEach(texts, Math.max(1, ROUNDS / 4), (t) => redactor.redact(t))],
  ['@openredaction detect()', timeEach(texts, Math.max(1, ROUNDS / 10), (t) => openRedaction.detect(t))],
];

const meanLength = texts.reduce((s, t) => s + t.length, 0) / texts.length;
console.log(`\n${texts.length} dev texts (mean ${meanLength.toFixed(0)} chars), ${ROUNDS} rounds for bulwark\n`);
console.log(
  renderTable(
    ['engine', 'posts/s', 'mean', 'p50', 'p99', 'p50 / bulwark detection', 'p50 / bulwark analyze'],
    rows.map(([name, s]) => [name, s.perSecond.toFixed(0), us(s.meanUs), us(s.p50Us), us(s.p99Us), `${(s.p50Us / detection.p50Us).toFixed(2)}x`, `${(s.p50Us / full.p50Us).toFixed(2)}x`]),
  ),
);
console.log(`\npeak RSS: ${bulwarkPeak} MiB for bulwark alone, ${mib()} MiB with the peers loaded`);

const adversarial = Object.entries(ADVERSARIAL_INPUTS).map(([name, text]) => {
  const start = process.hrtime.bigint();
  analyze(text);
  return [name, `${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)} ms`];
});
console.log('\n100 KB adversarial inputs (one analyze() each)\n');
console.log(renderTable(['input', 'time'], adversarial));
