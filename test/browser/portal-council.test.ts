/**
 * The Council session's pages in a real Chromium: a briefer signs in with the mailed link, reads
 * the invitation and confirms with the keyboard alone; the organizer's dashboard shows it, and the
 * list of speakers is frozen from it with the mouse. Every page has no axe-core violation (WCAG
 * 2.1 AA), no horizontal scroll at 375 px, a screenshot in test-results/portal/ at both widths;
 * the Arabic briefing page reads right to left.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { Worker } from '@temporalio/worker';
import { workflowIds } from '../../domain/ids';
import {
  conceptNoteUpdate,
  councilStatusQuery,
  inviteUpdate,
  setSpeakersUpdate,
  type CouncilSessionWorkflow,
} from '../../workflows/definitions/council-session';
import { check, CHROMIUM, DESKTOP, SHOTS, signInAs } from '../helpers/browser';
import { BRIEFERS, councilInput, councilSpec, startCouncilSession } from '../helpers/council';
import { startTestPortal, type TestPortal } from '../helpers/portal';

jest.setTimeout(180_000);

const ORGANIZER = 'amina.rahman@un.example.org';
const AU = BRIEFERS.au;
/** The League of Arab States reads Arabic: its briefer's pages come right to left. */
const LAS = BRIEFERS.las;
/** A real session decades ahead: nothing happens on its own while the browser acts. */
const YEAR = 2082;
const sessionId = workflowIds.councilSession(String(YEAR));

let p: TestPortal;
let worker: Worker;
let running: Promise<void>;
let browser: Browser;
const session = () => p.t.client.workflow.getHandle<CouncilSessionWorkflow>(sessionId);

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  mkdirSync(SHOTS, { recursive: true });
  p = await startTestPortal();
  worker = await p.t.createWorker();
  running = worker.run();
  const spec = councilSpec(YEAR, { partners: ['au', 'las'] });
  await startCouncilSession(p.t.client, p.t.taskQueue, councilInput(p.t.settings, spec));
  await session().executeUpdate(conceptNoteUpdate, {
    args: [
      {
        as: ORGANIZER,
        title: 'Concept note: cooperation in conflict prevention',
        text: 'The Council will hear the regional organizations.\n\nEach briefer speaks for seven minutes.',
      },
    ],
  });
  await session().executeUpdate(inviteUpdate, { args: [{ as: ORGANIZER }] });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await session()
    .terminate('test over')
    .catch(() => undefined);
  worker?.shutdown();
  await running;
  await p?.close();
});

test('a briefer confirms by keyboard alone; the organizer sees it on the dashboard and freezes the list of speakers', async () => {
  const briefing = `/council/${sessionId}/briefing`;
  const briefer = await browser.newPage({ viewport: DESKTOP });
  await signInAs(p, briefer, AU, briefing);
  expect(await briefer.textContent('main')).toContain('AU has not answered yet.');
  await check(briefer, '21-council-briefing');

  await briefer.focus('#answer-confirm');
  await briefer.keyboard.press('Space');
  await briefer.keyboard.press('Tab'); // past the other choice of the group, to the note
  await briefer.keyboard.type('The Chairperson will attend in person.');
  await briefer.keyboard.press('Tab');
  await briefer.keyboard.press('Enter');
  await briefer.waitForURL(`${p.url}${briefing}?done=answer`);
  expect(await briefer.textContent('main')).toContain('AU confirmed on');
  await check(briefer, '22-council-briefing-confirmed');

  await briefer.goto(`${p.url}/council/${sessionId}/concept-note`);
  expect(await briefer.textContent('main')).toContain('Each briefer speaks for seven minutes.');
  await check(briefer, '23-council-concept-note');

  const dashboard = `/council/${sessionId}`;
  const organizer = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signInAs(p, organizer, ORGANIZER, dashboard);
  expect(await organizer.textContent('#briefer-au')).toContain('The Chairperson will attend in person.');
  await session().executeUpdate(setSpeakersUpdate, {
    args: [
      {
        as: ORGANIZER,
        speakers: [
          { kind: 'council-member', member: 'Romania', minutes: 10 },
          { kind: 'briefer', organization: 'au', minutes: 7 },
        ],
      },
    ],
  });
  await organizer.reload();
  await check(organizer, '24-council-dashboard');
  await organizer.getByRole('button', { name: 'Freeze the list of speakers' }).click();
  await organizer.waitForURL(`${p.url}${dashboard}?done=freeze`);
  expect((await session().query(councilStatusQuery)).speakers.frozen?.by).toBe(ORGANIZER);
  await check(organizer, '25-council-dashboard-frozen');
});

test('a briefer who reads Arabic gets the briefing page right to left', async () => {
  const briefing = `/council/${sessionId}/briefing`;
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await signInAs(p, page, LAS, briefing);
  const seen = await page.evaluate<{ lang: string; dir: string }>(
    `({ lang: document.documentElement.lang, dir: document.documentElement.dir })`,
  );
  expect(seen).toEqual({ lang: 'ar', dir: 'rtl' });
  await check(page, '26-council-briefing-arabic');
});
