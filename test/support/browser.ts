// Debian's Chromium driven by playwright-core (no browser download), with axe-core for WCAG
// checks on every page a test visits.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Chromium as the tests drive it; `extraArgs` e.g. ['--lang=en-US'] for a browser without a Swedish locale. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource: string | null = null;

/** Runs axe-core for WCAG 2.1 A/AA in the page and returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the app's
  // Content-Security-Policy rightly refuses inline scripts.
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

/** Screenshots go to test-results/; set UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** Collects Content-Security-Policy violations the page reports (console and DOM events). */
export async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...seen, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

/**
 * Logs a demo user in through the login page, including the one-time-code step ("Engångskod")
 * for the privileged roles, with a code computed from the published demo secret.
 */
export async function logInThroughPage(page: Page, baseUrl: string, username: string, password = 'envagin-demo'): Promise<void> {
  const { waitForFreshDemoCode } = await import('./totp.ts');
  await page.goto(baseUrl);
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  const start = page.getByRole('heading', { name: 'Startsida' });
  const codeStep = page.getByRole('heading', { name: 'Engångskod' });
  await start.or(codeStep).first().waitFor();
  if (await codeStep.isVisible()) {
    await page.getByLabel('Engångskod').fill(await waitForFreshDemoCode(username));
    await page.getByRole('button', { name: 'Verifiera' }).click();
  }
  await start.waitFor();
}
