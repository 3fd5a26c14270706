import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
// The built server, exactly as `bulwark serve` runs it: only dist/ serves the built UI (dist/web).
import { DEFAULT_POLICY } from '../../dist/core/policy/default-policy.js';
import { parseKeys } from '../../dist/keys/hash-keys.js';
import { ApiKeyHasher, type Role } from '../../dist/keys/api-keys.js';
import { startServer, type RunningServer } from '../../dist/start/server.js';
import { createApiKey } from '../../dist/store/api-keys.js';
import { Store } from '../../dist/store/store.js';
import { createUser } from '../../dist/store/users.js';
import { createTestDatabase, type TestDatabase } from '../store-fixtures.js';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');
const AXE_SOURCE = join(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');
const WEB_INDEX = join(import.meta.dirname, '..', '..', 'dist', 'web', 'index.html');

export const DESKTOP = { width: 1280, height: 800 };
export const NARROW = { width: 390, height: 844 };

/** Debian's Chromium, never a downloaded browser; a missing one fails the suite with the fix. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`the end-to-end tests need Debian's Chromium at ${CHROMIUM}: run \`apt-get install chromium\` (.ci/run installs it)`);
  if (!existsSync(WEB_INDEX)) throw new Error(`the review UI is not built (${WEB_INDEX} missing): run \`npm run build\``);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface Account {
  readonly id: number;
  readonly username: string;
  readonly password: string;
  /** How decisions, locks and audit entries name this user. */
  readonly actor: string;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
}

export interface E2eServer {
  readonly url: string;
  readonly database: TestDatabase;
  readonly reviewer: Account;
  readonly reviewer2: Account;
  readonly admin: Account;
  /** Bearer keys, for setting up and checking through the API. */
  readonly keys: Readonly<Record<Role, string>>;
  createKey(name: string, roles: Role[]): Promise<string>;
  /** A request to the real server with a Bearer key (default: the admin key). */
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown, key?: string): Promise<ApiResponse<T>>;
  ingest(posts: readonly Post[]): Promise<Outcome[]>;
  close(): Promise<void>;
}

export interface Post {
  readonly source: string;
  readonly id: string;
  readonly text: string;
  readonly author?: string;
  readonly channel?: string;
}

export interface Outcome {
  readonly postId: number;
  readonly caseId: number | null;
  readonly campaignId: number | null;
  readonly action: string;
}

const password = () => `e2e-${randomBytes(12).toString('hex')}`;

/** `bulwark serve`'s startServer on port 0 with a fresh database, a reviewer, a second reviewer and an admin. */
export async function startE2eServer(dialect: 'sqlite' | 'postgres'): Promise<E2eServer> {
  const database = await createTestDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-e2e-'));
  const keyFile = join(dir, 'bulwark.key');
  writeFileSync(keyFile, `e2e:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  const server: RunningServer = await startServer({ db: database.url, keyFile, host: '127.0.0.1', port: 0, policy: DEFAULT_POLICY, notify: () => undefined, handleSignals: false });
  server.app.log.level = 'warn';
  const store = await Store.open(database.url);
  const apiKeys = new ApiKeyHasher(parseKeys(readFileSync(keyFile, 'utf8'), keyFile));
  const createKey = async (name: string, roles: Role[]) => (await createApiKey(store, apiKeys, { name, roles }, Date.now(), 'e2e')).token;
  const account = async (username: string, role: 'reviewer' | 'admin'): Promise<Account> => {
    const secret = password();
    const user = await createUser(store, { username, role, password: secret }, Date.now(), 'e2e');
    return { id: user.id, username, password: secret, actor: `user:${user.id}` };
  };
  const [reviewer, reviewer2, admin] = [await account('dana', 'reviewer'), await account('lee', 'reviewer'), await account('ana', 'admin')];
  const keys = { ingest: await createKey('e2e ingest', ['ingest']), reviewer: await createKey('e2e reviewer', ['reviewer']), admin: await createKey('e2e admin', ['admin']) };

  const api = async <T>(method: string, path: string, body?: unknown, key = keys.admin): Promise<ApiResponse<T>> => {
    const r = await fetch(server.url + path, { method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await r.text();
    return { status: r.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };
  return {
    url: server.url,
    database,
    reviewer,
    reviewer2,
    admin,
    keys,
    createKey,
    api,
    ingest: async (posts) => {
      const r = await api<{ outcomes: Outcome[] }>('POST', '/v1/posts', { posts }, keys.ingest);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.outcomes;
    },
    close: async () => {
      await store.close();
      await server.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;
const sessions = new WeakMap<Account, Promise<StorageState>>();

/** A session signed in through POST /v1/session once per account, reused by later contexts (the sign-in form has its own tests). */
function sessionOf(browser: Browser, base: string, account: Account): Promise<StorageState> {
  let state = sessions.get(account);
  if (state === undefined) {
    state = (async () => {
      const context = await browser.newContext();
      const r = await context.request.post(`${base}/v1/session`, { data: { username: account.username, password: account.password } });
      expect(r.status()).toBe(200);
      const saved = await context.storageState();
      await context.close();
      return saved;
    })();
    sessions.set(account, state);
  }
  return state;
}

/** A fresh context already signed in as `account`, opening `path`. */
export async function signedInPage(browser: Browser, base: string, account: Account, path = '/queue', viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', storageState: await sessionOf(browser, base, account) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(base + path);
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

interface InPageElement {
  readonly tagName: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}

/** The few browser globals the in-page checks use (the project's TypeScript has no DOM library). */
export interface InPage {
  readonly document: { readonly activeElement: InPageElement | null; readonly body: InPageElement; readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number } };
  getComputedStyle(element: InPageElement): { readonly outlineStyle: string; readonly outlineWidth: string; readonly boxShadow: string };
  readonly axe?: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> };
}

/** axe-core on the page as it is; serious and critical violations fail the test, with what and where. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  // Evaluated over the DevTools protocol: the UI's Content-Security-Policy rightly refuses inline <script> tags.
  if ((await page.evaluate(() => (globalThis as unknown as InPage).axe === undefined)) === true) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const browser = globalThis as unknown as InPage;
    const result = await browser.axe!.run(browser.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${view}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Tabs `times` times; after each, the focused element must show an outline or a box-shadow. */
export async function expectVisibleFocus(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const browser = globalThis as unknown as InPage;
      const el = browser.document.activeElement;
      if (el === null || el === browser.document.body) return null;
      const style = browser.getComputedStyle(el);
      return { tag: el.tagName, name: el.getAttribute('aria-label') ?? el.textContent?.slice(0, 40) ?? '', outline: style.outlineStyle === 'none' ? 'none' : `${style.outlineWidth} ${style.outlineStyle}`, shadow: style.boxShadow };
    });
    expect(focus, `Tab ${i + 1} focused nothing`).not.toBeNull();
    const visible = (focus!.outline !== 'none' && !focus!.outline.startsWith('0px')) || focus!.shadow !== 'none';
    expect(visible, `no visible focus on ${focus!.tag} "${focus!.name}" (outline ${focus!.outline}, box-shadow ${focus!.shadow})`).toBe(true);
  }
}

export async function expectNoHorizontalScroll(page: Page, view: string): Promise<void> {
  const widths = await page.evaluate(() => {
    const root = (globalThis as unknown as InPage).document.documentElement;
    return { scroll: root.scrollWidth, client: root.clientWidth };
  });
  expect(widths.scroll, `${view} scrolls sideways at ${widths.client}px`).toBeLessThanOrEqual(widths.client);
}
