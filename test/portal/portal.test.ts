/**
 * The portal against the run's real Temporal server, a real worker, the real store and the outbox:
 * a chair follows the call-for-inputs mail, signs in with the sign-in mail, submits, sees the
 * receipt; the organizer asks for a revision and accepts; and every door that must stay shut does.
 */
import type { Worker } from '@temporalio/worker';
import { workflowIds } from '../../domain/ids';
import { Sessions, SESSION_TRUST_MS } from '../../portal/sessions';
import { sha256 } from '../../portal/tokens';
import { groupStatusQuery } from '../../workflows/definitions/working-group-input';
import { compressedCycle, GROUPS, ORGANIZER, startCycle, type CompressedTimeline } from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { mailTo, readOutbox } from '../helpers/outbox';
import { startTestPortal, Visitor, type TestPortal } from '../helpers/portal';

/** A cycle whose inputs stay open for the whole file: the call goes out at once, the deadline is minutes away. */
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

jest.setTimeout(120_000);

const peacekeeping = GROUPS[2];
const peacemaking = GROUPS[1];
const peacebuilding = GROUPS[3];
/** A delegate of the peacebuilding group who reads French (the OAS works in Spanish first). */
const DELEGATE = {
  name: 'Claire Dubois',
  email: 'claire.dubois@oas.example.org',
  organization: 'oas',
  timeZone: 'America/New_York',
  language: 'fr',
};
let p: TestPortal;
let worker: Worker;
let running: Promise<void>;
let edition: string;
const groupPath = (group: string) => `/groups/${workflowIds.workingGroup(edition, group)}`;

const FORM = {
  summary: 'The peacekeeping group proposes two items on mandates and transitions.',
  item1Title: 'Transitions from peacekeeping',
  item1Description: 'Lessons from handovers between UN and AU missions.',
  item1Area: 'peacekeeping',
  item1Duration: '45',
  rec1: 'Hold joint planning before every handover.',
  paper1Title: 'Handover lessons',
  paper1Link: 'https://au.example.org/papers/handover.pdf',
};

beforeAll(async () => {
  p = await startTestPortal();
  worker = await p.t.createWorker();
  running = worker.run();
  const input = compressedCycle(p.t.settings, 613, SLOW);
  input.workingGroups.find((g) => g.id === peacebuilding.id)!.delegates.push(DELEGATE);
  edition = input.editionKey;
  await startCycle(p.t, input);
  // Every group's call, not the first one's: the tests follow the peacekeeping chair's link.
  await eventually(
    async () => {
      const outbox = await readOutbox(p.t.settings.mail.outboxDir);
      return input.workingGroups.every((g) =>
        mailTo(outbox, g.chair.email).some((m) => m.subject.includes('call for inputs')),
      );
    },
    { timeout: 60_000, what: 'the calls for inputs' },
  );
}, 90_000);

afterAll(async () => {
  await p.t.client.workflow
    .getHandle(workflowIds.cycle(edition))
    .terminate('test over')
    .catch(() => undefined);
  worker.shutdown();
  await running;
  await p.close();
});

const signIn = (email: string, next?: string) => p.signIn(email, next);

test('a chair follows the call-for-inputs link, signs in with the mailed link, submits, and sees the receipt', async () => {
  const call = mailTo(await readOutbox(p.t.settings.mail.outboxDir), peacekeeping.chair).find((m) =>
    m.subject.includes('call for inputs'),
  );
  const link = /http:\/\/127\.0\.0\.1:\d+\/groups\/[a-z0-9-]+/.exec(call?.text ?? '')?.[0];
  expect(link).toBe(`${p.url}${groupPath(peacekeeping.id)}`);

  const chair = new Visitor(p.url);
  const first = await chair.get(new URL(link ?? '').pathname);
  expect(first.status).toBe(303);
  expect(first.location).toBe(`/sign-in?next=${encodeURIComponent(groupPath(peacekeeping.id))}`);
  expect((await chair.get(first.location ?? '')).html).toContain('Mail me a sign-in link');
  const signInLink = await p.requestSignInLink(chair, peacekeeping.chair, groupPath(peacekeeping.id));
  // A mail scanner opening the link uses nothing up: the confirm page shows twice.
  expect((await chair.get(new URL(signInLink).pathname)).html).toContain('Confirm sign-in');
  expect((await chair.get(new URL(signInLink).pathname)).status).toBe(200);
  const signedIn = await chair.post(new URL(signInLink).pathname, {});
  expect(signedIn.status).toBe(303);
  expect(signedIn.location).toBe(groupPath(peacekeeping.id));
  const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('convene_session='));
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(cookie).toMatch(/Max-Age=43200/);

  const page = await chair.get(groupPath(peacekeeping.id));
  expect(page.status).toBe(200);
  expect(page.html).toContain('No input yet; due');
  expect(page.html).toMatch(/New York/);

  const submitted = await chair.post(`${groupPath(peacekeeping.id)}/submit`, FORM);
  expect(submitted.status).toBe(303);
  const receipt = await chair.get(submitted.location ?? '');
  expect(receipt.html).toContain('Received: Peacekeeping, version 1');
  expect(receipt.html).toContain('on time');
  const view = await p.t.client.workflow
    .getHandle(workflowIds.workingGroup(edition, peacekeeping.id))
    .query(groupStatusQuery);
  expect(view.submissions[0]?.submittedBy).toBe(peacekeeping.chair);
  expect(view.submissions[0]?.input.attachments[0]?.ref).toBe(FORM.paper1Link);
});

test("a chair of group A opening group B's page is refused and sees none of B's input", async () => {
  const chairB = await signIn(peacemaking.chair);
  const page = await chairB.get(groupPath(peacekeeping.id));
  expect(page.status).toBe(403);
  expect(page.html).not.toContain(FORM.summary);
  // A form without papers goes straight to the Update: its validator refuses, the page says whose it is.
  const post = await chairB.post(`${groupPath(peacekeeping.id)}/submit`, FORM);
  expect(post.status).toBe(403);
  expect(post.html).not.toContain(FORM.summary);
  const view = await p.t.client.workflow
    .getHandle(workflowIds.workingGroup(edition, peacekeeping.id))
    .query(groupStatusQuery);
  expect(view.submissions.filter((s) => s.submittedBy === peacemaking.chair)).toHaveLength(0);
  // A group that does not exist, and an id that is no group's, are not found.
  expect((await chairB.post(`${groupPath('no-such-group')}/submit`, FORM)).status).toBe(404);
  expect((await chairB.post(`/groups/decision-613-94a/submit`, FORM)).status).toBe(404);
});

test('a delegate is mailed the sign-in link in the language she reads, sees her group, and submits for it; only the chair asks for more time', async () => {
  const visitor = new Visitor(p.url);
  const link = await p.requestSignInLink(visitor, DELEGATE.email, '/');
  const [mail] = mailTo(await readOutbox(p.t.settings.mail.outboxDir), DELEGATE.email).filter(
    (m) => m.kind === 'portal-sign-in',
  );
  expect(mail?.subject).toBe('Votre lien de connexion à convene');
  expect((await visitor.signInWith(link)).status).toBe(303);

  const path = groupPath(peacebuilding.id);
  expect((await visitor.get('/')).html).toContain(path);
  const page = await visitor.get(path);
  expect(page.status).toBe(200);
  // Her pages are in French too, as her mail is: a delegate is named in the cycle, not the directory.
  expect(page.html).toMatch(/<html lang="fr" dir="ltr">/);
  expect(page.html).toContain(`action="${path}/submit"`);
  expect(page.html).not.toContain(`action="${path}/extension"`);
  expect((await visitor.post(`${path}/submit`, FORM)).status).toBe(303);
  const view = await p.t.client.workflow
    .getHandle(workflowIds.workingGroup(edition, peacebuilding.id))
    .query(groupStatusQuery);
  expect(view.submissions.map((s) => s.submittedBy)).toEqual([DELEGATE.email]);
  // Someone the engine does not know is told the same, and mailed nothing.
  const stranger = 'nobody@oas.example.org';
  const asking = new Visitor(p.url);
  await asking.get('/sign-in');
  expect((await asking.post('/sign-in', { email: stranger, next: '/' })).status).toBe(200);
  expect(mailTo(await readOutbox(p.t.settings.mail.outboxDir), stranger)).toHaveLength(0);
});

test('the organizer asks for a revision in the browser; the chair sees the comments and revises; the organizer accepts', async () => {
  const path = groupPath(peacekeeping.id);
  const handle = p.t.client.workflow.getHandle(workflowIds.workingGroup(edition, peacekeeping.id));
  await eventually(async () => (await handle.query(groupStatusQuery)).status === 'under-review', {
    what: 'version 1 under review',
  });
  const organizer = await signIn(ORGANIZER, path);
  const home = await organizer.get('/');
  expect(home.html).toContain(path);
  expect((await organizer.get(path)).html).toContain('Review version 1');
  const asked = await organizer.post(`${path}/review`, {
    version: '1',
    decision: 'revise',
    comments: 'Please add an item on funding of transitions.',
  });
  expect(asked.status).toBe(303);

  const chair = await signIn(peacekeeping.chair, path);
  const page = await chair.get(path);
  expect(page.html).toContain('Please add an item on funding of transitions.');
  expect(page.html).toContain('Submit a revised input');
  const revised = await chair.post(`${path}/submit`, {
    ...FORM,
    item2Title: 'Funding transitions',
    item2Description: 'Predictable funding when a mission hands over.',
    item2Area: 'peacekeeping',
    item2Duration: '30',
  });
  expect((await chair.get(revised.location ?? '')).html).toContain('version 2');

  await organizer.get(path);
  const accepted = await organizer.post(`${path}/review`, { version: '2', decision: 'accept' });
  expect([accepted.status, accepted.location, /class="refusal"[^<]*/.exec(accepted.html)?.[0]]).toEqual([
    303,
    path,
    undefined,
  ]);
  expect((await handle.query(groupStatusQuery)).status).toBe('accepted');
  expect((await chair.get(path)).html).toContain('Accepted by');
});

test("a refusal shows the validator's sentence beside the action, and nothing is recorded", async () => {
  const chair = await signIn(peacemaking.chair, groupPath(peacemaking.id));
  await chair.get(groupPath(peacemaking.id));
  const refused = await chair.post(`${groupPath(peacemaking.id)}/submit`, { ...FORM, item1Duration: '2' });
  expect([refused.status, /class="refusal"[^<]*/.exec(refused.html)?.[0]]).toEqual([
    422,
    expect.stringContaining('at least 5'),
  ]);
  expect(refused.html).toContain(FORM.summary); // what was typed is kept
  const view = await p.t.client.workflow
    .getHandle(workflowIds.workingGroup(edition, peacemaking.id))
    .query(groupStatusQuery);
  expect(view.submissions).toHaveLength(0);
});

test('a POST without its CSRF token, or with another session’s, is refused and changes nothing', async () => {
  const chair = await signIn(peacemaking.chair);
  const other = await signIn(GROUPS[0].chair);
  await other.get('/');
  const missing = await chair.post(`${groupPath(peacemaking.id)}/submit`, { ...FORM, _csrf: null });
  expect(missing.status).toBe(403);
  expect(missing.html).toContain('This form has expired or did not come from this site');
  const foreignToken = /name="_csrf" value="([^"]+)"/.exec((await other.get('/')).html)?.[1] ?? '';
  const foreign = await chair.post(`${groupPath(peacemaking.id)}/submit`, { ...FORM, _csrf: foreignToken });
  expect(foreign.status).toBe(403);
  const view = await p.t.client.workflow
    .getHandle(workflowIds.workingGroup(edition, peacemaking.id))
    .query(groupStatusQuery);
  expect(view.submissions).toHaveLength(0);
});

test('a tampered session cookie signs no one in', async () => {
  const chair = await signIn(peacemaking.chair);
  const cookie = chair.cookies.get('convene_session') ?? '';
  chair.cookies.set(
    'convene_session',
    cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
  );
  const page = await chair.get(groupPath(peacemaking.id));
  expect(page.status).toBe(303);
  expect(page.location).toMatch(/^\/sign-in\?next=/);
});

test('a sign-in link works once, and not after 20 minutes; a link made for one page leads only there', async () => {
  const visitor = new Visitor(p.url);
  const link = await p.requestSignInLink(visitor, peacemaking.chair, groupPath(peacemaking.id));
  const path = new URL(link).pathname;
  await visitor.get(`${path}?next=${encodeURIComponent(groupPath(peacekeeping.id))}`);
  const used = await visitor.post(`${path}?next=${encodeURIComponent(groupPath(peacekeeping.id))}`, {});
  expect(used.location).toBe(groupPath(peacemaking.id));

  const again = new Visitor(p.url);
  expect((await again.get(path)).status).toBe(410);
  await again.get('/sign-in');
  expect((await again.post(path, {})).status).toBe(410);

  const late = new Visitor(p.url);
  const lateLink = await p.requestSignInLink(late, GROUPS[0].chair);
  const token = new URL(lateLink).pathname.split('/').at(-1) ?? '';
  // Twenty minutes pass: the store's clock decides, so the link's expiry is moved into the past.
  await p.store.query(
    `update portal_sign_in_links set expires_at = now() - interval '1 second' where token_sha256 = $1`,
    [sha256(token)],
  );
  const expired = await late.get(new URL(lateLink).pathname);
  expect(expired.status).toBe(410);
  expect(expired.html).toContain('This link no longer works');
});

test('the sign-in page says the same for an unknown address, and mails nothing to it', async () => {
  const visitor = new Visitor(p.url);
  await visitor.get('/sign-in');
  const unknown = await visitor.post('/sign-in', { email: 'stranger@nowhere.example.org' });
  const known = await visitor.post('/sign-in', { email: peacemaking.chair });
  expect(unknown.status).toBe(known.status);
  expect(unknown.html.replace('stranger@nowhere.example.org', 'X')).toBe(
    known.html.replace(peacemaking.chair, 'X'),
  );
  const mails = await readOutbox(p.t.settings.mail.outboxDir);
  expect(mailTo(mails, 'stranger@nowhere.example.org')).toHaveLength(0);
});

test('"sign out everywhere" ends every session of the person', async () => {
  const phone = await signIn(peacemaking.chair);
  const desk = await signIn(peacemaking.chair);
  expect((await phone.get('/')).status).toBe(200);
  await desk.get('/');
  const out = await desk.post('/sign-out-everywhere', {});
  expect(out.html).toContain('You are signed out on every device');
  expect((await phone.get('/')).status).toBe(303);
  expect((await desk.get('/')).status).toBe(303);
});

test('a sign-out on another instance ends the session here within SESSION_TRUST_MS', async () => {
  // Two instances share the store; each trusts a session it has just read for a few seconds.
  const here = new Sessions(p.store);
  const there = new Sessions(p.store);
  const session = await here.start('trust@example.org');
  expect(await here.find(session.id)).toMatchObject({ email: 'trust@example.org' });
  await there.endAll('trust@example.org');
  expect(await there.find(session.id)).toBeUndefined(); // the instance that ended it: at once
  await new Promise((resolve) => setTimeout(resolve, SESSION_TRUST_MS + 200));
  expect(await here.find(session.id)).toBeUndefined(); // the other: once its trust has run out
});

test('pages carry a strict Content-Security-Policy and no script at all', async () => {
  const organizer = await signIn(ORGANIZER);
  for (const path of ['/sign-in', '/', groupPath(peacekeeping.id)]) {
    const page = await organizer.get(path);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.html).not.toMatch(/<script/i);
  }
});

test('the eleventh sign-in request for one address in a minute is refused', async () => {
  // The window is the database's minute: start early in one, so all eleven fall in it.
  await eventually(async () => new Date().getSeconds() < 45, { timeout: 20_000, what: 'an early second' });
  const visitor = new Visitor(p.url);
  await visitor.get('/sign-in');
  const email = 'committee@oas.example.org';
  const answers: number[] = [];
  for (let i = 0; i < 11; i++) answers.push((await visitor.post('/sign-in', { email })).status);
  expect(answers.slice(0, 10)).toEqual(Array(10).fill(200));
  expect(answers[10]).toBe(429);
});
