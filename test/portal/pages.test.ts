/**
 * The focal points' and committee members' pages against the run's real Temporal server, a real
 * worker, the real store and the outbox: a focal point follows the draft-agenda mail, reads the
 * agenda from the store and comments; reports progress and claims a decision implemented with
 * evidence; a committee member verifies it from the claims page the digest links to. And the
 * doors that must stay shut: a page's link used by someone else, a member from the lead
 * organization verifying, another organization's decision, a POST without its CSRF token.
 */
import { randomBytes } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import type { DecisionPolicyInput, DecisionSpecInput } from '../../domain/decision';
import { workflowIds } from '../../domain/ids';
import { cycleStatusQuery } from '../../workflows/definitions/preparation-cycle';
import {
  decisionStatusQuery,
  DECISION_TRACKING_WORKFLOW,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import { sendDigestNowUpdate } from '../../workflows/definitions/standing-committee';
import { ensureCommittee } from '../../clients/committee';
import { reviewInputUpdate, submitInputUpdate } from '../../workflows/definitions/working-group-input';
import {
  compressedCycle,
  GROUPS,
  ORGANIZER,
  sampleInput,
  startCycle,
  type CompressedTimeline,
} from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { mailTo, readOutbox, type ReceivedMail } from '../helpers/outbox';
import { startTestPortal, Visitor, type TestPortal } from '../helpers/portal';

/** The draft agenda is written about 15 s in, and stays open for comment for minutes. */
const AGENDA_SOON: CompressedTimeline = {
  meetingIn: 600,
  meetingLasts: 4,
  callForInputs: 599,
  inputDeadline: 590,
  consolidationEnd: 585,
  commentPeriodEnd: 300,
  invitations: 200,
  outcomeReportDue: 30,
  reminders: [4],
  graceSeconds: 60,
};

const QUIET: DecisionPolicyInput = {
  reportCadence: 'PT1H',
  reportWindow: 'PT10M',
  dueSoonBefore: 'PT1S',
  escalation: [{ notify: 'lead', after: 'PT1H' }],
  stallAfter: 'PT2H',
};

const AU = 'focal.point@au.example.org';
const OSCE = 'focal.point@osce.example.org';
const SADC = 'focal.point@sadc.example.org';
const LAS = 'focal.point@las.example.org';
const OIF = 'focal.point@oif.example.org';
const MEMBER_AU = 'committee@au.example.org';
const MEMBER_EU = 'committee@eu.example.org';
const peacekeeping = GROUPS[2];

jest.setTimeout(120_000);

let p: TestPortal;
let worker: Worker;
let running: Promise<void>;
let edition: string;
let cycleId: string;
const prefix = randomBytes(3).toString('hex');
/** Decision A: AU leads, IGAD shares. Decision B: OSCE leads alone. */
const decisionA = workflowIds.decision('615', `${prefix}-a`);
const decisionB = workflowIds.decision('615', `${prefix}-b`);
const started: string[] = [];

async function startDecision(ref: string, spec: Partial<DecisionSpecInput>, policy = QUIET) {
  const now = Date.now();
  const handle = await p.t.client.workflow.start<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
    taskQueue: p.t.taskQueue,
    workflowId: workflowIds.decision('615', ref),
    args: [
      {
        decision: {
          ref,
          edition: '615',
          meetingTitle: 'Test high-level meeting 615',
          text: 'A databank on conflict prevention capacities of partner organizations should be established.',
          area: 'conflict-prevention',
          leadOrganization: 'au',
          responsibleOrganizations: ['igad'],
          dueDate: new Date(now + 3_600_000).toISOString(),
          adoptedAt: new Date(now - 400 * 86_400_000).toISOString(),
          ...spec,
        },
        organizers: [{ name: 'Amina Rahman', email: ORGANIZER }],
        policy,
      },
    ],
  });
  started.push(handle.workflowId);
  return handle;
}

const outbox = () => readOutbox(p.t.settings.mail.outboxDir);
const linkIn = (mail: ReceivedMail | undefined, path: RegExp) =>
  new RegExp(`${p.url.replace(/[.:/]/g, '\\$&')}${path.source}`).exec(mail?.text ?? '')?.[0];

beforeAll(async () => {
  p = await startTestPortal();
  worker = await p.t.createWorker();
  running = worker.run();
  const input = compressedCycle(p.t.settings, 615, AGENDA_SOON);
  edition = input.editionKey;
  cycleId = workflowIds.cycle(edition);
  const cycle = await startCycle(p.t, input);
  const group = p.t.client.workflow.getHandle(workflowIds.workingGroup(edition, peacekeeping.id));
  await eventually(
    () =>
      group.executeUpdate(submitInputUpdate, {
        args: [{ as: peacekeeping.chair, input: sampleInput(peacekeeping.id) }],
      }),
    { timeout: 30_000, what: 'the peacekeeping group taking inputs' },
  );
  await group.executeUpdate(reviewInputUpdate, { args: [{ as: ORGANIZER, decision: 'accept', version: 1 }] });
  await startDecision(`${prefix}-a`, {});
  await startDecision(`${prefix}-b`, { leadOrganization: 'osce', responsibleOrganizations: [] });
  await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'agenda-comment', {
    timeout: 60_000,
    what: 'the draft agenda open for comment',
  });
}, 110_000);

afterAll(async () => {
  for (const id of [cycleId, ...started]) {
    await p.t.client.workflow
      .getHandle(id)
      .terminate('test over')
      .catch(() => undefined);
  }
  worker.shutdown();
  await running;
  await p.close();
});

const signIn = (email: string, next?: string) => p.signIn(email, next);

const refusalOf = (html: string) => /class="refusal"[^>]*>([^<]*)</.exec(html)?.[1];

test('a focal point follows the draft-agenda link, signs in, reads the agenda from the store and comments', async () => {
  const mail = await eventually(
    async () => mailTo(await outbox(), AU).find((m) => m.kind === 'draft-agenda'),
    { what: 'the draft agenda mail to the AU focal point' },
  );
  const link = linkIn(mail, /\/cycles\/hlm-\d+/);
  expect(link).toBe(`${p.url}/cycles/${cycleId}`);

  const focal = new Visitor(p.url);
  const first = await focal.get(`/cycles/${cycleId}`);
  expect([first.status, first.location]).toEqual([
    303,
    `/sign-in?next=${encodeURIComponent(`/cycles/${cycleId}`)}`,
  ]);
  const signInLink = await p.requestSignInLink(focal, AU, `/cycles/${cycleId}`);
  const signedIn = await focal.signInWith(signInLink);
  expect(signedIn.location).toBe(`/cycles/${cycleId}`);

  const page = await focal.get(`/cycles/${cycleId}`);
  expect(page.status).toBe(200);
  expect(page.html).toContain('Draft agenda');
  expect(page.html).toContain('peacekeeping item 1'); // the accepted input's item, from the stored document
  expect(page.html).toMatch(/Comments on the draft agenda close<\/dt><dd>[^<]*New York/);

  const sent = await focal.post(`/cycles/${cycleId}/comment`, {
    item: 'peacekeeping item 1',
    text: 'The AU asks for forty-five minutes on this item.',
  });
  expect([sent.status, sent.location]).toEqual([303, `/cycles/${cycleId}?done=comment`]);
  const status = await p.t.client.workflow.getHandle(cycleId).query(cycleStatusQuery);
  expect(status.comments).toContainEqual(
    expect.objectContaining({
      by: AU,
      organization: 'au',
      text: 'The AU asks for forty-five minutes on this item.',
    }),
  );
  expect((await focal.get(sent.location ?? '')).html).toContain('The AU asks for forty-five minutes');
});

test('an empty comment is refused by the domain schema beside the form, and nothing is recorded', async () => {
  const focal = await signIn(AU);
  await focal.get(`/cycles/${cycleId}`);
  const before = (await p.t.client.workflow.getHandle(cycleId).query(cycleStatusQuery)).comments.length;
  const refused = await focal.post(`/cycles/${cycleId}/comment`, { item: 'kept as typed', text: '   ' });
  expect(refused.status).toBe(422);
  expect(refusalOf(refused.html)).toMatch(/^Not done: text: /);
  expect(refused.html).toContain('value="kept as typed"');
  const after = (await p.t.client.workflow.getHandle(cycleId).query(cycleStatusQuery)).comments.length;
  expect(after).toBe(before);
});

test('a link names the page, not the person: another organization’s focal point is refused there', async () => {
  // SADC takes no part in this cycle; OSCE neither leads nor shares decision A.
  const sadc = await signIn(SADC, `/cycles/${cycleId}`);
  const cyclePage = await sadc.get(`/cycles/${cycleId}`);
  expect(cyclePage.status).toBe(403);
  expect(cyclePage.html).not.toContain('peacekeeping item 1');
  const comment = await sadc.post(`/cycles/${cycleId}/comment`, { text: 'Not ours to say.' });
  expect(comment.status).toBe(403);

  // A sign-in link made for one page leads only there, whatever the address bar says afterwards.
  const visitor = new Visitor(p.url);
  const link = await p.requestSignInLink(visitor, OSCE, `/decisions/${decisionB}`);
  const path = new URL(link).pathname;
  await visitor.get(`${path}?next=${encodeURIComponent(`/decisions/${decisionA}`)}`);
  const used = await visitor.post(`${path}?next=${encodeURIComponent(`/decisions/${decisionA}`)}`, {});
  expect(used.location).toBe(`/decisions/${decisionB}`);
  expect((await visitor.get(`/decisions/${decisionB}`)).status).toBe(200);
});

test('a progress request links to the decision’s page, which asks its reader to sign in first', async () => {
  const ref = `${prefix}-c`;
  const asking = await startDecision(ref, {}, { ...QUIET, reportCadence: 'PT2S' });
  const request = await eventually(
    async () =>
      mailTo(await outbox(), AU).find(
        (m) => m.kind === 'decision-progress-request' && m.text.includes(`/decisions/${asking.workflowId}`),
      ),
    { what: 'a progress request with its link' },
  );
  await asking.terminate('enough requests');
  expect(linkIn(request, /\/decisions\/[a-z0-9-]+/)).toBe(`${p.url}/decisions/${asking.workflowId}`);
  const visitor = new Visitor(p.url);
  const first = await visitor.get(`/decisions/${asking.workflowId}`);
  expect(first.location).toBe(`/sign-in?next=${encodeURIComponent(`/decisions/${asking.workflowId}`)}`);
  const link = await p.requestSignInLink(visitor, AU, `/decisions/${asking.workflowId}`);
  expect((await visitor.signInWith(link)).location).toBe(`/decisions/${asking.workflowId}`);
  expect((await visitor.get(`/decisions/${asking.workflowId}`)).html).toContain('Report progress');
});

test("a focal point of org A opening org B's decision, or posting to it, is refused and nothing is recorded", async () => {
  const au = await signIn(AU);
  const page = await au.get(`/decisions/${decisionB}`);
  expect(page.status).toBe(403);
  await au.get('/decisions');
  for (const [action, form] of [
    ['report', { percent: '10', narrative: 'Not ours.' }],
    ['claim', { summary: 'Not ours.', evidence: 'https://au.example.org/x' }],
  ] as const) {
    const post = await au.post(`/decisions/${decisionB}/${action}`, form);
    expect([action, post.status]).toEqual([action, 403]);
  }
  const view = await p.t.client.workflow.getHandle(decisionB).query(decisionStatusQuery);
  expect([view.reports, view.claims]).toEqual([[], []]);
  const list = await au.get('/decisions');
  expect(list.html).toContain(`/decisions/${decisionA}`);
  expect(list.html).not.toContain(`/decisions/${decisionB}`);
});

test('the lead reports progress and claims implementation with evidence; a bad percentage is refused beside the form', async () => {
  const au = await signIn(AU, `/decisions/${decisionA}`);
  const page = await au.get(`/decisions/${decisionA}`);
  expect(page.html).toContain('Report progress');
  expect(page.html).toContain('Claim the decision implemented');

  const bad = await au.post(`/decisions/${decisionA}/report`, { percent: '150', narrative: 'Too far.' });
  expect(bad.status).toBe(422);
  expect(refusalOf(bad.html)).toContain('must be 0–100');
  expect(bad.html).toContain('Too far.');

  const reported = await au.post(`/decisions/${decisionA}/report`, {
    percent: '60',
    narrative: 'The databank is designed and funded.',
    evidence: 'https://au.example.org/databank/design',
  });
  expect(reported.location).toBe(`/decisions/${decisionA}?done=report`);
  const noEvidence = await au.post(`/decisions/${decisionA}/claim`, { summary: 'Online.', evidence: '' });
  expect(refusalOf(noEvidence.html)).toContain('evidence is required');
  await au.get(`/decisions/${decisionA}`);
  const claimed = await au.post(`/decisions/${decisionA}/claim`, {
    summary: 'The databank is online and holds the capacities of every partner.',
    evidence: 'https://au.example.org/databank\nhttps://au.example.org/databank/report.pdf',
  });
  expect(claimed.location).toBe(`/decisions/${decisionA}?done=claim`);
  const view = await p.t.client.workflow.getHandle(decisionA).query(decisionStatusQuery);
  expect(view.status).toBe('implementation-claimed');
  expect(view.reports[0]).toMatchObject({
    by: AU,
    percent: 60,
    evidence: ['https://au.example.org/databank/design'],
  });
  expect(view.claims[0]?.evidence).toEqual([
    'https://au.example.org/databank',
    'https://au.example.org/databank/report.pdf',
  ]);
  const shown = await au.get(`/decisions/${decisionA}`);
  expect(shown.html).toContain('href="https://au.example.org/databank/report.pdf"');
  expect(shown.html).toContain('Awaiting verification by the standing committee.');
});

test('the digest links to the claims; a member from the lead organization is refused by the validator; another verifies', async () => {
  await eventually(
    async () =>
      (await p.t.client.workflow.getHandle(decisionA).query(decisionStatusQuery)).status ===
      'implementation-claimed',
    { what: 'decision A claimed' },
  );
  const committee = await ensureCommittee(p.t.client, {
    taskQueue: p.t.taskQueue,
    workflowId: p.t.settings.committeeWorkflowId,
  });
  await eventually(() => committee.executeUpdate(sendDigestNowUpdate, { args: [{ as: MEMBER_EU }] }), {
    what: 'the committee sending its digest',
  });
  const digest = await eventually(
    async () => mailTo(await outbox(), MEMBER_EU).find((m) => m.kind === 'committee-digest'),
    { what: 'the digest with its link to the claims' },
  );
  expect(linkIn(digest, /\/committee\/claims/)).toBe(`${p.url}/committee/claims`);

  const au = await signIn(MEMBER_AU, '/committee/claims');
  const claims = await au.get('/committee/claims');
  expect(claims.html).toContain(`/decisions/${decisionA}`);
  const page = await au.get(`/decisions/${decisionA}`);
  expect(page.html).toContain('Verify or reject the claim');
  const refused = await au.post(`/decisions/${decisionA}/verify`, {
    reasons: 'We checked our own databank.',
  });
  expect(refused.status).toBe(403);
  expect(/id="verify-refusal"[^>]*>([^<]*)</.exec(refused.html)?.[1]).toContain('the lead organization');
  // The validator's sentence comes in the reader's language: the same refusal, read in French.
  await au.post('/language', { lang: 'fr', back: `/decisions/${decisionA}` });
  const refusedInFrench = await au.post(`/decisions/${decisionA}/verify`, {
    reasons: 'We checked our own databank.',
  });
  expect(refusedInFrench.status).toBe(403);
  expect(/id="verify-refusal"[^>]*>([^<]*)</.exec(refusedInFrench.html)?.[1]).toMatch(
    /^.*vous appartenez à AU, l’organisation chef de file de .*: un autre membre du comité doit vérifier sa déclaration$/,
  );
  await au.post('/language', { lang: 'en', back: '/' });
  expect((await p.t.client.workflow.getHandle(decisionA).query(decisionStatusQuery)).status).toBe(
    'implementation-claimed',
  );

  const eu = await signIn(MEMBER_EU, '/committee/claims');
  await eu.get(`/decisions/${decisionA}`);
  const verified = await eu.post(`/decisions/${decisionA}/verify`, {
    reasons: 'The committee opened the databank and found every partner in it.',
  });
  expect(verified.location).toBe(`/decisions/${decisionA}?done=verify`);
  expect((await p.t.client.workflow.getHandle(decisionA).query(decisionStatusQuery)).status).toBe('verified');
});

test('the implementation picture shows decisions by status with lead, due date and years open; ideas are proposed', async () => {
  const member = await signIn(MEMBER_EU, '/committee');
  const picture = await member.get('/committee');
  expect(picture.status).toBe(200);
  expect(picture.html).toContain(`${prefix}-b`);
  expect(picture.html).toMatch(/<td>OSCE<\/td>/);
  expect(picture.html).toContain('<td>1.1</td>'); // adopted 400 days ago
  const ideas = await member.get('/committee/ideas');
  expect(ideas.html).toContain('No idea proposed yet.');
  const proposed = await member.post('/committee/ideas', {
    title: 'Early warning',
    text: 'Share early-warning indicators between the partners before each meeting.',
  });
  expect(proposed.location).toBe('/committee/ideas?done=idea');
  expect((await member.get('/committee/ideas')).html).toContain('Share early-warning indicators');

  const focal = await signIn(OSCE);
  expect((await focal.get('/committee')).status).toBe(403);
});

test('a POST without its CSRF token on every new form is refused and changes nothing', async () => {
  const au = await signIn(AU);
  const member = await signIn(MEMBER_EU);
  const before = await p.t.client.workflow.getHandle(cycleId).query(cycleStatusQuery);
  const forms: Array<[Visitor, string, Record<string, string | null>]> = [
    [au, `/cycles/${cycleId}/comment`, { text: 'No token.' }],
    [au, `/decisions/${decisionA}/report`, { percent: '10', narrative: 'No token.' }],
    [au, `/decisions/${decisionA}/claim`, { summary: 'No token.', evidence: 'https://au.example.org' }],
    [member, `/decisions/${decisionA}/reject`, { reasons: 'No token.' }],
    [member, '/committee/ideas', { text: 'No token.' }],
    [au, '/language', { lang: 'fr', back: '/' }],
  ];
  for (const [visitor, path, form] of forms) {
    const answer = await visitor.post(path, { ...form, _csrf: null });
    expect([path, answer.status]).toEqual([path, 403]);
  }
  const after = await p.t.client.workflow.getHandle(cycleId).query(cycleStatusQuery);
  expect(after.comments).toHaveLength(before.comments.length);
  expect((await au.get('/')).html).toContain('lang="en"');
});

test('the sign-in mail is in the language its recipient reads, whatever the page that asked for it', async () => {
  const visitor = new Visitor(p.url); // an English page: no language chosen, none in the browser
  await p.requestSignInLink(visitor, OIF); // the Francophonie works in French
  const [mail] = (await readOutbox(p.t.settings.mail.outboxDir)).filter(
    (m) => m.to.includes(OIF) && m.kind === 'portal-sign-in',
  );
  expect(mail?.subject).toBe('Votre lien de connexion à convene');
  expect(mail?.text).toContain(
    `Quelqu’un (vous, nous l’espérons) a demandé à se connecter à convene en tant que ${OIF}`,
  );
});

test('pages follow the person’s language, right to left in Arabic, and the switch changes it', async () => {
  const las = await signIn(LAS); // the League of Arab States works in Arabic
  const home = await las.get('/');
  expect(home.html).toMatch(/<html lang="ar[^"]*" dir="rtl">/);
  expect(home.html).toContain('عملك');
  const switched = await las.post('/language', { lang: 'fr', back: '/cycles' });
  expect([switched.status, switched.location]).toEqual([303, '/cycles']);
  const cycles = await las.get('/cycles');
  expect(cycles.html).toMatch(/<html lang="fr" dir="ltr">/);
  expect(cycles.html).toContain('Réunions auxquelles votre organisation participe');

  const au = await signIn(AU); // the AU's first working language is English
  await au.get('/');
  await au.post('/language', { lang: 'fr', back: `/cycles/${cycleId}` });
  const page = await au.get(`/cycles/${cycleId}`);
  expect(page.html).toContain('Projet d’ordre du jour');
  expect(page.html).toMatch(/heure de New York/);
});
