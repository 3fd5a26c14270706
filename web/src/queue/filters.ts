import { api, query } from '../api/client.js';
import type { CaseSummary, Label, Page, Severity } from '../api/types.js';

export interface QueueFilters {
  readonly label?: Label;
  readonly severity?: Severity;
  readonly language?: string;
  readonly watchlist?: boolean;
}

const STORAGE_KEY = 'bulwark.queueFilters';

/** Filters live in the URL (shareable, back button) and are remembered for "next case" after a decision. */
export function filtersFromSearch(search: URLSearchParams): QueueFilters {
  const filters: { -readonly [K in keyof QueueFilters]: QueueFilters[K] } = {};
  const label = search.get('label');
  const severity = search.get('severity');
  const language = search.get('language');
  if (label === 'dox' || label === 'threat' || label === 'bounty') filters.label = label;
  if (severity === 'low' || severity === 'medium' || severity === 'high' || severity === 'critical' || severity === 'none') filters.severity = severity;
  if (language !== null && language !== '') filters.language = language;
  if (search.get('watchlist') === 'true') filters.watchlist = true;
  return filters;
}

export function rememberFilters(search: URLSearchParams): void {
  sessionStorage.setItem(STORAGE_KEY, search.toString());
}

export function rememberedFilters(): QueueFilters {
  return filtersFromSearch(new URLSearchParams(sessionStorage.getItem(STORAGE_KEY) ?? ''));
}

export function fetchQueue(filters: QueueFilters, cursor: string | undefined, limit = 50): Promise<Page<CaseSummary>> {
  return api<Page<CaseSummary>>('GET', `/v1/cases${query({ status: 'open', ...filters, watchlist: filters.watchlist === true ? 'true' : undefined, limit, cursor })}`);
}

/** The first open case after `currentId` nobody else is working on, under the remembered filters. */
export async function nextCaseId(currentId: number): Promise<number | undefined> {
  const page = await fetchQueue(rememberedFilters(), undefined, 50);
  return page.items.find((c) => c.id !== currentId && (c.lockedBy === null || c.lockedByMe || (c.lockedUntil ?? 0) < Date.now()))?.id;
}
