/**
 * The portal in a real Chromium (Debian's, driven by playwright-core, nothing downloaded): what
 * every page must be (axe-core's WCAG 2.1 AA, no horizontal scroll at 375 px, a screenshot at
 * both widths) and the sign-in by the mailed link, as the browser tests share them.
 */
import path from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { eventually } from './eventually';
import type { TestPortal } from './portal';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = path.join(__dirname, '..', '..', 'test-results', 'portal');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 800 };
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Checked {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

/**
 * What every page must be: no axe-core violation of WCAG 2.1 AA, no horizontal scroll at 375 px;
 * a screenshot at both widths. axe is evaluated through the driver, so the page's CSP (no script
 * at all) stays as it is.
 */
export async function check(page: Page, name: string): Promise<void> {
  await page.evaluate(`${axe.source}; 0`);
  const result = await page.evaluate<Checked>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} } })`,
  );
  const violations = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect([name, violations]).toEqual([name, []]);
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect([name, overflow]).toEqual([name, 0]);
  await page.screenshot({ path: path.join(SHOTS, `${name}-375.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

/** Signs in with the mouse and the mailed link, then waits for the page `next`. */
export async function signInAs(p: TestPortal, page: Page, email: string, next: string): Promise<void> {
  const before = new Set(await p.signInLinksFor(email));
  await page.goto(`${p.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.fill('#email', email);
  await page.getByRole('button', { name: 'Mail me a sign-in link' }).click();
  const link = await eventually(async () => (await p.signInLinksFor(email)).find((l) => !before.has(l)), {
    what: `a sign-in mail to ${email}`,
  });
  await page.goto(link);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${p.url}${next}`);
}
