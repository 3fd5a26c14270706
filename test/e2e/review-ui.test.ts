import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, expectNoHorizontalScroll, expectVisibleFocus, launchBrowser, NARROW, newPage, screenshot, signedInPage, startE2eServer, type E2eServer, type Outcome } from './fixture.js';
import { expectDecidedBy, getCase, openQueue, revealPhone, seed, workCaseWithKeyboard } from './flows.js';

describe('the review UI in Chromium (SQLite)', () => {
  let server: E2eServer;
  let browser: Browser;
  let campaign: Outcome[];
  let doxes: Map<number, Outcome>;
  let texts: Map<number, string>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer('sqlite'), launchBrowser()]);
    ({ campaign, doxes, texts } = await seed(server));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 30_000);

  it('signs in with a password (a wrong one is refused), shows the queue and signs out', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in');
    await expectAccessible(page, 'sign-in');
    await expectVisibleFocus(page, 4);

    await page.getByLabel('Username').fill(server.reviewer.username);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Those credentials are not valid.');

    await page.getByLabel('Password', { exact: true }).fill(server.reviewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('table', { name: 'Open cases' }).waitFor();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe(`${server.reviewer.username} · reviewer`);
    await expect.poll(() => page.getByRole('row').count()).toBe((await openQueue(server)).length + 1);
    await screenshot(page, 'queue');
    await expectAccessible(page, 'queue');
    await expectVisibleFocus(page, 6);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await context.request.get(`${server.url}/v1/session`)).status()).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs in with an API key', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${server.url}/`);
    await page.getByRole('tab', { name: 'Access key' }).click();
    await page.getByLabel('API key').fill(server.keys.reviewer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('table', { name: 'Open cases' }).waitFor();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toBe('e2e reviewer · reviewer');
    await context.close();
  });

  it('works a case from the queue with the keyboard only, while a second reviewer sees it locked', async () => {
    const caseId = doxes.get(2)!.caseId!;
    const page = await workCaseWithKeyboard(server, browser, server.reviewer, caseId, async () => {
      const { page: other, context } = await signedInPage(browser, server.url, server.reviewer2, `/cases/${caseId}`);
      await other.getByTestId('case-locked').waitFor();
      // The lock names the holder by username.
      expect(await other.getByTestId('case-locked').textContent()).toContain(`${server.reviewer.username} is working on this case`);
      expect(await other.getByRole('button', { name: /^remove/ }).isDisabled()).toBe(true);
      await screenshot(other, 'case-locked');
      await context.close();
    });
    await expectDecidedBy(server, caseId, server.reviewer, 'remove');
    await page.context().close();
  });

  it('releases the lock when the reviewer closes the tab, not 15 minutes later', async () => {
    const caseId = doxes.get(5)!.caseId!;
    const { page, context } = await signedInPage(browser, server.url, server.reviewer, `/cases/${caseId}`);
    await page.getByTestId('case-claimed').waitFor();
    expect((await getCase(server, caseId)).lockedBy).toBe(server.reviewer.actor);
    await page.close({ runBeforeUnload: true });
    await expect.poll(async () => (await getCase(server, caseId)).lockedBy, { timeout: 10_000 }).toBeNull();
    await context.close();
  });

  it('keeps personal data out of the masked case, and reveals one span with a reason into the audit log', async () => {
    const page = await revealPhone(server, browser, server.reviewer, doxes.get(3)!.caseId!, texts.get(3)!, true);
    await expectAccessible(page, 'case');
    await expectVisibleFocus(page, 6);
    await page.context().close();
  });

  it('acts on a campaign: every open case decided after a confirmation', async () => {
    const campaignId = campaign[0]!.campaignId!;
    const { page, context } = await signedInPage(browser, server.url, server.reviewer, `/campaigns/${campaignId}`);
    await page.getByRole('heading', { name: `Campaign ${campaignId}` }).waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByRole('table', { name: 'Authors' }).getByRole('row').count()).toBe(4);
    await screenshot(page, 'campaign');
    await expectAccessible(page, 'campaign');

    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'remove' }).click();
    await page.getByRole('textbox', { name: 'Reason' }).fill('one coordinated dox campaign');
    await page.getByRole('button', { name: 'Apply to 3 open cases…' }).click();
    await page.getByRole('dialog', { name: 'Confirm campaign action' }).getByRole('button', { name: 'Decide 3 cases' }).click();
    await page.getByRole('button', { name: 'No open cases' }).waitFor();

    for (const o of campaign) {
      const decided = await getCase(server, o.caseId!);
      expect(decided.status).toBe('decided');
      expect(decided.decisions.map((d) => [d.actor, d.action])).toEqual([[server.reviewer.actor, 'remove']]);
    }
    expect(await openQueue(server, `&campaign=${campaignId}`)).toEqual([]);
    await context.close();
  });

  it('lets an admin add a watchlist entry; a new post naming that person lands in the queue marked', async () => {
    const { page, context } = await signedInPage(browser, server.url, server.admin, '/admin?tab=watchlist');
    await page.getByRole('heading', { name: 'Add a protected person' }).waitFor();
    await page.getByLabel('Label').fill('Judge W-17');
    await page.getByLabel('Value 1').fill('Helena Vargas');
    await page.getByRole('button', { name: 'Add identifier' }).click();
    await page.getByLabel('Value 2').fill('312-555-0199');
    await page.getByRole('button', { name: 'Add to watchlist' }).click();
    await page.getByRole('cell', { name: 'Judge W-17', exact: true }).waitFor();
    await expect.poll(() => page.getByLabel('Value 1').inputValue()).toBe('');
    await screenshot(page, 'admin-watchlist');
    await expectAccessible(page, 'admin-watchlist');
    const listed = await page.content();
    for (const value of ['Helena Vargas', '312-555-0199']) expect(listed).not.toContain(value);

    const [outcome] = await server.ingest([{ source: 'e2e', id: 'w1', text: 'Judge Helena Vargas lives at 411 W Elm St, Chicago, IL 60610. call her at 312-555-0199 and tell her what is coming', author: 'acct-w' }]);
    const caseId = outcome!.caseId!;
    expect((await openQueue(server, '&watchlist=true')).map((c) => c.id)).toEqual([caseId]);
    await page.getByRole('link', { name: 'Queue' }).click();
    const row = page.getByTestId(`queue-row-${caseId}`);
    await row.waitFor();
    expect(await row.textContent()).toMatch(/\d hits?/);
    await page.getByRole('link', { name: `Case ${caseId}`, exact: true }).click();
    await expect.poll(() => page.getByTestId('watchlist-hits').textContent()).toContain('Judge W-17');
    expect(await page.content()).not.toContain('Helena Vargas');
    await context.close();
  });

  it('renders the dashboard charts with their numbers', async () => {
    const { page, context } = await signedInPage(browser, server.url, server.reviewer, '/dashboard');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    for (const caption of ['Posts by label', 'Posts by language', 'Posts by recommended action', 'Open cases by age']) await page.getByText(caption, { exact: true }).waitFor();
    await expect.poll(() => page.locator('.recharts-area-area').count()).toBeGreaterThan(0);
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.getByRole('table', { name: 'Open cases by age', includeHidden: true }).getByRole('row', { includeHidden: true }).count()).toBe(5);
    await screenshot(page, 'dashboard');
    await expectAccessible(page, 'dashboard');
    await context.close();
  });

  it('renders the admin views for keys and policy', async () => {
    const { page, context } = await signedInPage(browser, server.url, server.admin, '/admin?tab=keys');
    await page.getByRole('table', { name: 'API keys' }).getByRole('cell', { name: 'e2e ingest', exact: true }).waitFor();
    await screenshot(page, 'admin-keys');
    await expectAccessible(page, 'admin-keys');
    await page.getByRole('tab', { name: 'Policy' }).click();
    await page.getByRole('table', { name: 'Policy rules' }).getByRole('cell', { name: 'dox-full', exact: true }).waitFor();
    await screenshot(page, 'admin-policy');
    await expectAccessible(page, 'admin-policy');
    await context.close();
  });

  it('lets an admin create a user who can then sign in, and lists the shortcuts on ?', async () => {
    const { page, context } = await signedInPage(browser, server.url, server.admin, '/admin?tab=users');
    await page.getByRole('table', { name: 'Users' }).getByRole('cell', { name: server.reviewer.username, exact: true }).waitFor();
    await page.getByLabel('Username').fill('new-reviewer');
    await page.getByLabel('Initial password').fill('a long initial passphrase');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('table', { name: 'Users' }).getByRole('cell', { name: 'new-reviewer', exact: true }).waitFor();
    expect(await page.content()).not.toContain('a long initial passphrase');
    await screenshot(page, 'admin-users');
    await expectAccessible(page, 'admin-users');
    // Shortcuts are ignored while typing in a field: leave the form first. A real '?' comes with Shift.
    await page.getByRole('heading', { name: 'Admin' }).click();
    await page.keyboard.press('Shift+?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    // Judge contrast once the dialog has faded in, not half-transparent mid-transition.
    const opaque = () =>
      help.evaluate((dialog) => {
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle;
        for (let e = dialog as unknown as { readonly parentElement: unknown } | null; e !== null; e = e.parentElement as typeof e) if (style(e).opacity !== '1') return false;
        return true;
      });
    await expect.poll(opaque).toBe(true);
    await expectAccessible(page, 'help-overlay');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await context.close();

    const signedIn = await server.api<{ principal: { name: string; role: string } }>('POST', '/v1/session', { username: 'new-reviewer', password: 'a long initial passphrase' });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.principal).toMatchObject({ name: 'new-reviewer', role: 'reviewer' });
  });

  it('is usable on a narrow screen: queue and case without sideways scrolling', async () => {
    const { page, context } = await signedInPage(browser, server.url, server.reviewer, '/queue', NARROW);
    await page.getByRole('table', { name: 'Open cases' }).waitFor();
    await expectNoHorizontalScroll(page, 'queue');
    await screenshot(page, 'narrow-queue');
    await page.getByRole('link', { name: `Case ${doxes.get(4)!.caseId!}`, exact: true }).click();
    await page.getByTestId('case-claimed').waitFor();
    await expectNoHorizontalScroll(page, 'case');
    await screenshot(page, 'narrow-case');
    await expectAccessible(page, 'narrow-case');
    await context.close();
  });
});
