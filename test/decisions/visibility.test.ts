/**
 * What the committee and the organizers see across decisions, through visibility: lists by status,
 * lead and overdue; the digest (computed now, and mailed by the committee at the end of its period);
 * what is carried forward to the next meeting's agenda; the CLI over the same.
 */
import { eventually } from '../helpers/eventually';
import type { WorkflowHandle } from '@temporalio/client';
import { createCommitteeActivities } from '../../activities/committee';
import { listDecisions } from '../../clients/decisions';
import { loadStandingCommittee } from '../../config/committee';
import { loadDirectory } from '../../config/directory';
import { CARRY_FORWARD_ITEMS, carryForwardAgendaItems, type DecisionListing } from '../../domain/committee';
import {
  claimImplementedUpdate,
  reportProgressUpdate,
  verifyUpdate,
  withdrawUpdate,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import {
  committeeStatusQuery,
  proposeIdeaUpdate,
  STANDING_COMMITTEE_WORKFLOW,
  type StandingCommitteeWorkflow,
} from '../../workflows/definitions/standing-committee';
import { cliEnv, convene } from '../helpers/cli';
import { mailTo } from '../helpers/outbox';
import {
  AU,
  CHAIR,
  MEMBER_EU,
  ORGANIZER,
  OUTSIDER,
  QUIET,
  startHarness,
  status,
  type DecisionHarness,
} from './helpers';

type Handle = WorkflowHandle<DecisionTrackingWorkflow>;

let h: DecisionHarness;
let committee: WorkflowHandle<StandingCommitteeWorkflow>;
const d: Record<'dueSoon' | 'overdue' | 'claimed' | 'stalled' | 'verified' | 'withdrawn', Handle> =
  {} as never;
let since: string;
const evidence = ['https://example.org/evidence'];

beforeAll(async () => {
  h = await startHarness();
  since = new Date().toISOString();
  committee = await h.t.client.workflow.start<StandingCommitteeWorkflow>(STANDING_COMMITTEE_WORKFLOW, {
    taskQueue: h.t.taskQueue,
    workflowId: h.committeeId,
    args: [{ policy: { reviewPeriod: 'PT12S', digestHorizon: 'P30D' } }],
  });
  await committee.executeUpdate(proposeIdeaUpdate, {
    args: [
      {
        as: MEMBER_EU,
        ideaId: 'idea-1',
        title: 'Joint early-warning workshop',
        text: 'A joint early-warning workshop with the AU and IGAD.',
      },
    ],
  });
  d.dueSoon = await h.start({ ref: 'soon' });
  d.overdue = await h.start({ ref: 'late', dueIn: 1 });
  d.claimed = await h.start({
    ref: 'claimed',
    spec: { leadOrganization: 'eu', responsibleOrganizations: ['osce'] },
  });
  d.stalled = await h.start({
    ref: 'stalled',
    spec: { leadOrganization: 'un', responsibleOrganizations: [] },
    policy: { ...QUIET, stallAfter: 'PT2S' },
  });
  d.verified = await h.start({
    ref: 'done',
    spec: { leadOrganization: 'oas', responsibleOrganizations: [] },
  });
  d.withdrawn = await h.start({ ref: 'gone' });

  await d.dueSoon.executeUpdate(reportProgressUpdate, {
    args: [{ as: AU, percent: 20, narrative: 'Terms of reference drafted.' }],
  });
  await d.claimed.executeUpdate(claimImplementedUpdate, {
    args: [{ as: 'focal.point@eu.example.org', summary: 'Done.', evidence }],
  });
  await d.verified.executeUpdate(claimImplementedUpdate, {
    args: [{ as: 'focal.point@oas.example.org', summary: 'Done.', evidence }],
  });
  await d.verified.executeUpdate(verifyUpdate, { args: [{ as: MEMBER_EU, reasons: 'Seen in Washington.' }] });
  await d.withdrawn.executeUpdate(withdrawUpdate, {
    args: [{ as: ORGANIZER, reason: 'Overtaken by events.' }],
  });
  await eventually(async () => (await status(d.stalled)).status === 'stalled', { what: 'the stall' });
  // Visibility compares the due date with the time of the query: wait until it has passed.
  const due = Date.parse((await status(d.overdue)).dueDate);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now() + 100)));
});
afterAll(async () => {
  for (const handle of [d.dueSoon, d.overdue, d.claimed, d.stalled]) await handle.terminate('test done');
  await committee.terminate('test done');
  await h.close();
});

const ids = (listings: DecisionListing[]) => listings.map((l) => l.id).sort();
const idsOf = (...handles: Handle[]) => handles.map((x) => x.workflowId).sort();
const scoped = { taskQueue: () => h.t.taskQueue };

/** Visibility catches up a moment after the workflows: poll until it says what we expect. */
async function listed(filter: Parameters<typeof listDecisions>[1], expected: string[]) {
  return eventually(
    async () => {
      const found = ids(await listDecisions(h.t.client, { taskQueue: scoped.taskQueue(), ...filter }));
      return JSON.stringify(found) === JSON.stringify(expected) ? found : undefined;
    },
    { what: `visibility to list ${expected.join(', ')}` },
  );
}

test('decisions are listed through visibility by status, by lead and as overdue', async () => {
  await listed({ status: 'implementation-claimed' }, idsOf(d.claimed));
  await listed({ status: 'stalled' }, idsOf(d.stalled));
  await listed({ lead: 'au' }, idsOf(d.dueSoon, d.overdue, d.withdrawn));
  await listed({ overdueAt: new Date().toISOString() }, idsOf(d.overdue));
  await listed({ status: 'verified' }, idsOf(d.verified));
});

test("the digest sorts the decisions by what needs the committee's attention, and counts per organization", async () => {
  const directory = loadDirectory(h.t.settings.directoryFile);
  const activities = createCommitteeActivities({
    settings: h.t.settings,
    directory,
    committee: loadStandingCommittee(directory),
    client: () => Promise.resolve(h.t.client),
  });
  const digest = await eventually(
    async () => {
      const built = await activities.buildDigest({ from: since, ideas: [] });
      return built.verifiedSince.length === 1 && built.awaitingVerification.length === 1 ? built : undefined;
    },
    { what: 'a digest with the verified decision' },
  );
  expect(ids(digest.overdue)).toEqual(idsOf(d.overdue));
  expect(ids(digest.stalled)).toEqual(idsOf(d.stalled));
  expect(ids(digest.dueSoon)).toEqual(idsOf(d.dueSoon, d.stalled));
  expect(ids(digest.awaitingVerification)).toEqual(idsOf(d.claimed));
  expect(ids(digest.verifiedSince)).toEqual(idsOf(d.verified));
  expect(digest.totals).toEqual({ tracked: 6, open: 4, closed: 2 });
  const au = digest.byOrganization.find((t) => t.organization === 'au');
  expect(au).toMatchObject({ leads: 3, open: 2, overdue: 1, stalled: 0, awaitingVerification: 0 });
  const igad = digest.byOrganization.find((t) => t.organization === 'igad');
  expect(igad).toMatchObject({ leads: 0, open: 2, overdue: 1 });
});

test('at the end of its period the committee mails the digest to every member, proposes a review slot and starts a new period', async () => {
  const record = await eventually(async () => (await committee.query(committeeStatusQuery)).digests[0], {
    what: 'the periodic digest',
    timeout: 30_000,
  });
  expect(record.counts).toMatchObject({
    overdue: 1,
    stalled: 1,
    awaitingVerification: 1,
    verifiedSince: 1,
    ideas: 1,
  });
  expect(record.recipients).toHaveLength(7);
  expect(record.reviewSlot?.start).toMatch(/^\d{4}-\d\d-\d\dT/);
  await eventually(async () => (await committee.query(committeeStatusQuery)).run === 2, {
    what: 'the next period (continue-as-new)',
  });

  const mails = await eventually(
    async () => {
      // By kind, not by subject: the League of Arab States' member reads it in Arabic, the OAS's in Spanish.
      const digests = (await h.outbox()).filter((m) => m.kind === 'committee-digest');
      return digests.length === 7 ? digests : undefined;
    },
    { what: 'seven digest mails' },
  );
  const toChair = mailTo(mails, CHAIR)[0]!;
  expect(toChair.subject).toBe('HLM 7 · standing committee digest');
  expect(toChair.text).toContain('Overdue');
  expect(toChair.text).toContain(`7/${d.overdue.workflowId.replace('decision-7-', '')}`);
  expect(toChair.text).toContain('Claimed implemented, awaiting verification');
  expect(toChair.text).toContain('Verified since the last digest');
  expect(toChair.text).toContain('Joint early-warning workshop (proposed by Claire Dubois (EU))');
  // Each member reads the times in their own zone: the Pacific Islands Forum's in Suva.
  const toPif = mailTo(mails, 'committee@pif.example.org')[0]!;
  expect(toPif.text).toMatch(/Suva|Fiji/);
  // The digest shows the slot, and every member is invited to it with a calendar entry.
  expect(toChair.text).toContain('Review meeting:');
  const invitations = await eventually(
    async () => {
      const sent = (await h.outbox()).filter((m) => m.kind === 'committee-review-invitation');
      return sent.length === 7 ? sent : undefined;
    },
    { what: 'seven review invitations' },
  );
  const invitation = mailTo(invitations, CHAIR)[0]!;
  expect(invitation.calendar).toContain(`DTSTART:${record.reviewSlot!.start.replace(/[-:]|\.\d+/g, '')}`);
  // One entry per review, named by its slot (the committee's id, then the slot's start).
  const unfolded = invitation.calendar!.replace(/\r?\n[ \t]/g, '');
  expect(unfolded).toMatch(/UID:\S+-review-\d{8}T\d{9}Z@convene/);
});

test("carry-forward: every decision not yet verified, with its last report, and the committee's ideas become the next agenda's standing items", async () => {
  const directory = loadDirectory(h.t.settings.directoryFile);
  const activities = createCommitteeActivities({
    settings: h.t.settings,
    directory,
    committee: loadStandingCommittee(directory),
    client: () => Promise.resolve(h.t.client),
  });
  const carry = await activities.getCarryForward({ sinceIso: since });
  expect(carry.decisions.map((c) => c.id).sort()).toEqual(idsOf(d.dueSoon, d.overdue, d.claimed, d.stalled));
  const soon = carry.decisions.find((c) => c.id === d.dueSoon.workflowId)!;
  expect(soon).toMatchObject({ edition: '7', status: 'in-progress', lead: 'AU', yearsOpen: 0 });
  expect(soon.lastReport?.summary).toBe('20% (AU): Terms of reference drafted.');
  expect(carry.ideas).toEqual([
    expect.objectContaining({ id: 'idea-1', proposedBy: `Claire Dubois (${MEMBER_EU})` }),
  ]);

  const items = carryForwardAgendaItems(carry);
  expect(items.map((i) => i.title)).toEqual([CARRY_FORWARD_ITEMS.decisions, CARRY_FORWARD_ITEMS.ideas]);
  expect(items[0]!.lines).toHaveLength(4);
  expect(items[1]!.lines[0]).toContain('A joint early-warning workshop with the AU and IGAD.');

  // Ideas older than the last meeting are not carried again.
  const later = await activities.getCarryForward({ sinceIso: new Date().toISOString() });
  expect(later.ideas).toEqual([]);
});

describe('the CLI, as an operator runs it', () => {
  const env = () => cliEnv(h.t.settings);

  test('the CLI lists by status, exports the implementation report, refuses a wrong actor and records a report', async () => {
    const id = d.dueSoon.workflowId;
    // Independent commands at once: each is a process of its own (tsx start-up dominates).
    const [list, csv, refused] = await Promise.all([
      convene(['--json', 'decision', 'list', '--status', 'implementation-claimed'], env()),
      convene(['report', 'implementation', '--format', 'csv', '--edition', '7'], env()),
      convene(['decision', 'report', id, '--percent', '30', '--narrative', 'x', '--as', OUTSIDER], env()),
    ]);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as DecisionListing[]).map((l) => l.id)).toEqual([d.claimed.workflowId]);

    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,edition,ref,title,area,lead,responsible,status,dueDate,overdue,lastReportAt,lastReport,closedAt,source',
    );
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.startsWith(d.verified.workflowId))).toContain(',OAS,,verified,');

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Rejected: only the focal points of the lead organization AU');

    const accepted = await convene(
      [
        'decision',
        'report',
        id,
        '--percent',
        '30',
        '--narrative',
        'Half the entries.',
        '--report-id',
        'cli-1',
        '--as',
        AU,
      ],
      env(),
    );
    expect(accepted.stderr).toBe('');
    expect(accepted.stdout).toContain(`Recorded: report cli-1 on ${id}; status in-progress.`);
    expect((await status(d.dueSoon)).reports.at(-1)).toMatchObject({ id: 'cli-1', percent: 30, by: AU });
  });
});
