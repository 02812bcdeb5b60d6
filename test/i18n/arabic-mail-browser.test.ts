/**
 * An Arabic call for inputs as a reader's mail client would show its HTML part: rendered by a real
 * Chromium (Debian's, installed by .ci/run; playwright-core drives it and downloads nothing). The
 * page reads right to left, Latin names keep their own order, and a screenshot is kept in
 * test-results/ for a person to look at.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Message, renderMessage } from '../../notifications';
import { sample } from '../notifications/fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = path.join(__dirname, '..', '..', 'test-results', 'arabic-call-for-inputs.png');

interface Seen {
  lang: string;
  direction: string;
  labelLeft: number;
  valueLeft: number;
  names: string[];
  namesReadLeftToRight: boolean;
  quoteLeftToRight: boolean;
}

/** Run in the page (as text: the project's TypeScript has no DOM types). */
const WHAT_THE_READER_SEES = `(() => {
  const row = document.querySelector('table tr');
  const names = [...document.querySelectorAll('bdi')];
  return {
    lang: document.documentElement.lang,
    direction: getComputedStyle(document.body).direction,
    labelLeft: row.querySelector('th').getBoundingClientRect().left,
    valueLeft: row.querySelector('td').getBoundingClientRect().left,
    names: names.map((n) => n.textContent),
    namesReadLeftToRight: names.every((n) => n.matches(':dir(ltr)')),
    quoteLeftToRight: document.querySelector('blockquote p').matches(':dir(ltr)'),
  };
})()`;

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: run apt-get install -y chromium (as .ci/run does), or set CHROMIUM_PATH`,
    );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);
afterAll(() => browser?.close());

test('an Arabic call for inputs renders right to left in Chromium, with Latin names isolated', async () => {
  const { html } = renderMessage(Message.parse(sample('call-for-inputs')), {
    recipient: {
      name: 'Amr Said',
      email: 'focal.point@las.example.org',
      timeZone: 'Africa/Cairo',
      language: 'ar',
    },
    meetingZone: 'America/New_York',
    rehearsal: false,
  });
  const page = await browser.newPage({ viewport: { width: 700, height: 900 } });
  await page.setContent(html, { waitUntil: 'load' });

  const seen = await page.evaluate<Seen>(WHAT_THE_READER_SEES);
  expect(seen.lang).toBe('ar');
  expect(seen.direction).toBe('rtl');
  // Right to left: a fact's label stands to the right of its value.
  expect(seen.labelLeft).toBeGreaterThan(seen.valueLeft);
  expect(seen.names).toEqual(expect.arrayContaining(['Peacekeeping', 'Seventh high-level meeting']));
  expect(seen.namesReadLeftToRight).toBe(true);
  // The organizers' instructions were written in English and read as written.
  expect(seen.quoteLeftToRight).toBe(true);

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  // A viewport-sized shot: Chromium's full-page capture of a right-to-left page comes out shifted.
  await page.screenshot({ path: SCREENSHOT });
  expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
}, 60_000);
