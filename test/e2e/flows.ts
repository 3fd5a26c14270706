import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { doxText } from '../http-fixtures.js';
import { screenshot, signedInPage, type Account, type InPage, type E2eServer, type Outcome } from './fixture.js';

export interface CaseView {
  id: number;
  status: string;
  lockedBy: string | null;
  findings: { type: string; start: number; end: number }[];
  decisions: { actor: string; action: string; reason: string }[];
  history: { actor: string; action: string; details: Record<string, unknown> | null }[];
  watchlistHits: { personId: number; label: string; field: string }[];
}

interface QueueItem {
  id: number;
  campaignId: number | null;
}

interface AuditEntry {
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
}

export const THREAT = 'I will find you Greg Hanley, you are dead tomorrow';
export const BOUNTY = '$5000 to anyone who breaks the legs of Judge Nina Park';
export const BENIGN = 'Tacos al pastor 2x1 this Friday, open 11am to 9pm';

/** The seed every e2e server gets: one three-post doxxing campaign, lone doxes, a threat, a bounty and a benign post. */
export async function seed(server: E2eServer): Promise<{ campaign: Outcome[]; doxes: Map<number, Outcome>; texts: Map<number, string> }> {
  const campaignText = doxText(1);
  const campaign = await server.ingest([
    { source: 'e2e', id: 'c1', text: campaignText, author: 'acct-1', channel: 'chan-a' },
    { source: 'e2e', id: 'c2', text: `RT ${campaignText}`, author: 'acct-2', channel: 'chan-b' },
    { source: 'e2e', id: 'c3', text: `${campaignText} !!`, author: 'acct-3', channel: 'chan-b' },
  ]);
  expect(new Set(campaign.map((o) => o.campaignId)).size, 'the three posts form one campaign').toBe(1);
  const lone = [2, 3, 4, 5];
  const outcomes = await server.ingest([
    ...lone.map((n) => ({ source: 'e2e', id: `d${n}`, text: doxText(n), author: `acct-d${n}`, channel: 'chan-c' })),
    { source: 'e2e', id: 't1', text: THREAT, author: 'acct-t' },
    { source: 'e2e', id: 'b1', text: BOUNTY, author: 'acct-b' },
    { source: 'e2e', id: 'n1', text: BENIGN, author: 'acct-n' },
  ]);
  for (const o of outcomes.slice(0, -1)) expect(o.caseId).not.toBeNull();
  expect(outcomes.at(-1)!.caseId, 'the benign post opens no case').toBeNull();
  return { campaign, doxes: new Map(lone.map((n, i) => [n, outcomes[i]!])), texts: new Map(lone.map((n) => [n, doxText(n)])) };
}

export const getCase = async (server: E2eServer, id: number): Promise<CaseView> => {
  const r = await server.api<CaseView>('GET', `/v1/cases/${id}`);
  expect(r.status).toBe(200);
  return r.body;
};

export async function openQueue(server: E2eServer, query = ''): Promise<QueueItem[]> {
  const r = await server.api<{ items: QueueItem[] }>('GET', `/v1/cases?status=open&limit=200${query}`, undefined, server.keys.reviewer);
  expect(r.status).toBe(200);
  return r.body.items;
}

export async function auditEntries(server: E2eServer): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const r: { body: { items: AuditEntry[]; nextCursor: string | null } } = await server.api('GET', `/v1/audit?limit=200${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
    entries.push(...r.body.items);
    cursor = r.body.nextCursor;
  } while (cursor !== null);
  return entries;
}

/**
 * Signs in, moves to the case with j/k, opens it with Enter, picks `remove` with its key, types the
 * reason and submits with Ctrl+Enter — no mouse. Returns the page, left on whatever case came next.
 */
export async function workCaseWithKeyboard(server: E2eServer, browser: Browser, who: Account, caseId: number, onCaseOpen?: (page: Page) => Promise<void>): Promise<Page> {
  const order = (await openQueue(server)).map((c) => c.id);
  const index = order.indexOf(caseId);
  expect(index, 'the case is in the queue, not last').toBeGreaterThanOrEqual(0);
  expect(index).toBeLessThan(order.length - 1);
  const { page } = await signedInPage(browser, server.url, who);
  await expect.poll(() => page.getByRole('row').count()).toBe(order.length + 1);
  // One past the case, then back: both keys move the selection.
  for (let i = 0; i <= index; i++) await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect.poll(() => page.getByTestId(`queue-row-${caseId}`).getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('Enter');
  await page.waitForURL(`**/cases/${caseId}`);
  await page.getByTestId('case-claimed').waitFor();
  await onCaseOpen?.(page);
  await page.keyboard.press('x');
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.tagName)).toBe('TEXTAREA');
  await page.keyboard.type('full home address and phone with a call to visit');
  await page.keyboard.press('Control+Enter');
  await page.waitForURL((url) => url.pathname !== `/cases/${caseId}`);
  return page;
}

export async function expectDecidedBy(server: E2eServer, caseId: number, who: Account, action: string): Promise<void> {
  const decided = await getCase(server, caseId);
  expect(decided.status).toBe('decided');
  expect(decided.decisions.map((d) => [d.actor, d.action])).toEqual([[who.actor, action]]);
  expect((await openQueue(server)).map((c) => c.id)).not.toContain(caseId);
}

/**
 * Opens the case, checks no personal data value is in the DOM, reveals the phone with a reason,
 * and checks the value appears and the audit log holds the reveal without it.
 */
export async function revealPhone(server: E2eServer, browser: Browser, who: Account, caseId: number, text: string, screenshots = false): Promise<Page> {
  const findings = (await getCase(server, caseId)).findings;
  // The original text of every finding: the personal data the masked view must not hold.
  const values = findings.map((f) => text.slice(f.start, f.end));
  const phone = findings.findIndex((f) => f.type === 'phone');
  expect(phone).toBeGreaterThanOrEqual(0);
  const phoneValue = text.slice(findings[phone]!.start, findings[phone]!.end);
  const { page } = await signedInPage(browser, server.url, who, `/cases/${caseId}`);
  await page.getByTestId('case-claimed').waitFor();
  await page.getByTestId('post-text').getByRole('button', { name: '[phone] — reveal' }).waitFor();
  const masked = await page.content();
  for (const value of values) expect(masked, 'a personal data value is in the masked page').not.toContain(value);
  if (screenshots) await screenshot(page, 'case-masked');

  await page.getByTestId('post-text').getByRole('button', { name: '[phone] — reveal' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reveal [phone]' });
  const reveal = dialog.getByRole('button', { name: 'Reveal', exact: true });
  await expect.poll(() => reveal.isDisabled(), { message: 'Reveal needs a reason' }).toBe(true);
  await dialog.getByLabel('Reason for revealing').fill('checking the number against the report');
  await reveal.click();
  await expect.poll(() => page.getByTestId(`revealed-${phone}`).textContent()).toContain(phoneValue);
  await page.getByTestId('case-history').getByText('case.span_revealed').waitFor();
  if (screenshots) await screenshot(page, 'case-revealed');

  const reveals = (await auditEntries(server)).filter((e) => e.action === 'case.span_revealed' && e.subjectId === String(caseId));
  expect(reveals.map((e) => ({ actor: e.actor, details: e.details }))).toEqual([{ actor: who.actor, details: { finding: phone, type: 'phone', reason: 'checking the number against the report' } }]);
  for (const value of values) expect(JSON.stringify(reveals)).not.toContain(value);
  return page;
}
