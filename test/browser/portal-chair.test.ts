/**
 * A chair's whole path through the portal in a real Chromium (Debian's, driven by playwright-core,
 * nothing downloaded): the call-for-inputs mail's link, sign-in by the mailed link (the confirm
 * page's POST), the submit form filled and sent with the keyboard alone, a paper uploaded, the
 * receipt; the organizer asks for a revision, the chair revises, the organizer accepts. Every page
 * has no axe-core violation (WCAG 2.1 AA), no horizontal scroll at 375 px, a screenshot in
 * test-results/portal/ at both widths; the Arabic page reads right to left.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Worker } from '@temporalio/worker';
import { workflowIds } from '../../domain/ids';
import { groupStatusQuery } from '../../workflows/definitions/working-group-input';
import { compressedCycle, GROUPS, ORGANIZER, startCycle, type CompressedTimeline } from '../helpers/cycle';
import { check, CHROMIUM, DESKTOP, SHOTS, signInAs } from '../helpers/browser';
import { eventually } from '../helpers/eventually';
import { mailTo, readOutbox } from '../helpers/outbox';
import { pdfSaying } from '../helpers/papers';
import { startTestPortal, type TestPortal } from '../helpers/portal';

/** Inputs stay open for the whole file. */
const SLOW: CompressedTimeline = {
  meetingIn: 1_200,
  meetingLasts: 4,
  callForInputs: 1_198,
  inputDeadline: 600,
  consolidationEnd: 500,
  commentPeriodEnd: 400,
  invitations: 300,
  outcomeReportDue: 30,
  reminders: [60],
  graceSeconds: 60,
};

jest.setTimeout(180_000);

const group = GROUPS[3];
let p: TestPortal;
let worker: Worker;
let running: Promise<void>;
let browser: Browser;
let edition: string;
const groupPath = () => `/groups/${workflowIds.workingGroup(edition, group.id)}`;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  mkdirSync(SHOTS, { recursive: true });
  p = await startTestPortal();
  worker = await p.t.createWorker();
  running = worker.run();
  const input = compressedCycle(p.t.settings, 615, SLOW);
  edition = input.editionKey;
  await startCycle(p.t, input);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await p?.t.client.workflow
    .getHandle(workflowIds.cycle(edition))
    .terminate('test over')
    .catch(() => undefined);
  worker?.shutdown();
  await running;
  await p?.close();
});

/** Tab until the element `selector` has the focus, as a keyboard user would. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (await page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`))
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

test('a chair follows the mail, signs in, submits with an uploaded paper by keyboard alone, and sees the receipt; the organizer asks for a revision and accepts', async () => {
  const call = await eventually(
    async () =>
      mailTo(await readOutbox(p.t.settings.mail.outboxDir), group.chair).find((m) =>
        m.subject.includes('call for inputs'),
      ),
    { timeout: 60_000, what: 'the call for inputs' },
  );
  const link = /http:\/\/127\.0\.0\.1:\d+\/groups\/[a-z0-9-]+/.exec(call.text)?.[0] ?? '';
  expect(link).toBe(`${p.url}${groupPath()}`);

  const chair = await browser.newPage({ viewport: DESKTOP });
  await chair.goto(link);
  expect(new URL(chair.url()).pathname).toBe('/sign-in');
  await check(chair, '01-sign-in');
  const before = new Set(await p.signInLinksFor(group.chair));
  await typeInto(chair, '#email', group.chair);
  await chair.keyboard.press('Enter');
  await chair.getByText('Check your mail').waitFor();
  await check(chair, '02-check-your-mail');

  const signInLink = await eventually(
    async () => (await p.signInLinksFor(group.chair)).find((l) => !before.has(l)),
    { what: 'the sign-in mail' },
  );
  await chair.goto(signInLink);
  await chair.getByText('Confirm sign-in').first().waitFor();
  await check(chair, '03-confirm-sign-in');
  await tabTo(chair, 'main button[type=submit]');
  await chair.keyboard.press('Enter');
  await chair.waitForURL(`${p.url}${groupPath()}`);
  expect(await chair.textContent('main')).toContain('No input yet; due');
  await check(chair, '04-group-empty');

  // The submit path by keyboard alone: Tab to each field, type; the file chooser opens on Space.
  await typeInto(chair, '#summary', 'The peacebuilding group proposes an item on sustaining peace.');
  await typeInto(chair, '#item1Title', 'Sustaining peace after transitions');
  await typeInto(
    chair,
    '#item1Description',
    'What regional organizations need from the UN after a mission leaves.',
  );
  await typeInto(chair, '#item1Area', 'peacebuilding');
  await typeInto(chair, '#item1Duration', '40');
  await typeInto(chair, '#paper1Title', 'Sustaining peace: lessons');
  const paper = path.join(SHOTS, 'sustaining-peace.pdf');
  writeFileSync(paper, pdfSaying('Sustaining peace, ref PB-BROWSER-5521'));
  await tabTo(chair, '#paper1File');
  const [chooser] = await Promise.all([chair.waitForEvent('filechooser'), chair.keyboard.press('Space')]);
  await chooser.setFiles(paper);
  await tabTo(chair, 'form[enctype] button[type=submit]');
  await chair.keyboard.press('Enter');
  await chair.waitForURL(/\/receipts\/1$/);
  expect(await chair.textContent('main')).toContain('Received: Peacebuilding, version 1');
  await check(chair, '05-receipt');

  await chair.goto(`${p.url}${groupPath()}`);
  expect(await chair.textContent('main')).toContain('sustaining-peace.pdf');
  await check(chair, '06-group-submitted');

  // The organizer asks for a revision in the browser.
  const organizer = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  const handle = p.t.client.workflow.getHandle(workflowIds.workingGroup(edition, group.id));
  await eventually(async () => (await handle.query(groupStatusQuery)).status === 'under-review', {
    what: 'version 1 under review',
  });
  await signInAs(p, organizer, ORGANIZER, groupPath());
  await check(organizer, '07-organizer-review');
  await organizer.fill('#comments', 'Please add an item on financing peacebuilding.');
  await organizer.getByRole('button', { name: 'Ask for a revision' }).click();
  await organizer.waitForURL(`${p.url}${groupPath()}`);
  await check(organizer, '08-organizer-after-revision-asked');

  // The chair sees the comments and revises (the uploaded paper is kept by the form).
  await chair.goto(`${p.url}${groupPath()}`);
  expect(await chair.textContent('main')).toContain('Please add an item on financing peacebuilding.');
  await check(chair, '09-chair-revision-requested');
  await chair.fill('#item2Title', 'Financing peacebuilding');
  await chair.fill('#item2Description', 'Predictable financing for regional peacebuilding.');
  await chair.fill('#item2Area', 'peacebuilding');
  await chair.fill('#item2Duration', '30');
  await chair.locator('form[enctype] button[type=submit]').click();
  await chair.waitForURL(/\/receipts\/2$/);
  await check(chair, '10-receipt-revised');
  const revised = (await handle.query(groupStatusQuery)).submissions.at(-1);
  expect(revised?.input.attachments.map((a) => a.file?.name)).toEqual(['sustaining-peace.pdf']);

  // The organizer accepts.
  await organizer.goto(`${p.url}${groupPath()}`);
  await organizer.getByRole('button', { name: 'Accept' }).click();
  await organizer.waitForURL(`${p.url}${groupPath()}`);
  await eventually(async () => (await handle.query(groupStatusQuery)).status === 'accepted', {
    what: 'the input accepted',
  });
  await chair.goto(`${p.url}${groupPath()}`);
  expect(await chair.textContent('main')).toContain('Accepted by');
  await check(chair, '11-chair-accepted');
});

test('the Arabic page reads right to left (screenshot)', async () => {
  const page = await browser.newPage({ viewport: DESKTOP });
  await page.goto(`${p.url}/sign-in`);
  await page.selectOption('#language-switch', 'ar');
  await page.locator('form.languages button').click();
  await page.waitForLoadState('load');
  const seen = await page.evaluate<{ lang: string; dir: string; direction: string }>(
    `({ lang: document.documentElement.lang, dir: document.documentElement.dir, direction: getComputedStyle(document.body).direction })`,
  );
  expect(seen).toEqual({ lang: 'ar', dir: 'rtl', direction: 'rtl' });
  // Right to left: the sign-in field's label starts at the right edge of the form.
  const label = await page.locator('label[for=email]').boundingBox();
  const field = await page.locator('#email').boundingBox();
  expect((label?.x ?? 0) + (label?.width ?? 0)).toBeCloseTo((field?.x ?? 0) + (field?.width ?? 0), -1);
  await check(page, '12-sign-in-arabic');
});
