import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DIALECTS } from '../store-fixtures.js';
import { launchBrowser, startE2eServer, type E2eServer, type Outcome } from './fixture.js';
import { expectDecidedBy, revealPhone, seed, workCaseWithKeyboard } from './flows.js';

// The main flows once more on PostgreSQL: locks, decisions and audit entries through the other dialect.
describe.skipIf(!DIALECTS.includes('postgres'))('the review UI in Chromium (PostgreSQL)', () => {
  let server: E2eServer;
  let browser: Browser;
  let doxes: Map<number, Outcome>;
  let texts: Map<number, string>;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer('postgres'), launchBrowser()]);
    ({ doxes, texts } = await seed(server));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 30_000);

  it('works a case with the keyboard and reveals a span into the audit log', async () => {
    const caseId = doxes.get(2)!.caseId!;
    const worked = await workCaseWithKeyboard(server, browser, server.reviewer, caseId);
    await expectDecidedBy(server, caseId, server.reviewer, 'remove');
    await worked.context().close();
    const revealed = await revealPhone(server, browser, server.reviewer2, doxes.get(3)!.caseId!, texts.get(3)!);
    await revealed.context().close();
  });
});
