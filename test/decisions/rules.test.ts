/**
 * The pure rules, without Temporal: durations, the decision's clock, the digest's sections, the
 * implementation report, the shipped example decisions and the committee file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadStandingCommittee, parseStandingCommittee } from '../../config/committee';
import { loadDirectory } from '../../config/directory';
import { REPO_ROOT } from '../../config/settings';
import { decisionQuery } from '../../clients/decisions';
import { buildDigest, type DecisionListing } from '../../domain/committee';
import {
  compressDecisionPolicy,
  DecisionPolicy,
  DecisionSpec,
  decisionTitle,
  type DecisionPolicyInput,
} from '../../domain/decision';
import { DecisionFile, organizationsNamed, trackingInputs } from '../../domain/decision-import';
import { DecisionTracker } from '../../domain/decision-tracker';
import { addIsoDuration } from '../../domain/duration';
import { renderReport, type ReportRow } from '../../domain/implementation-report';
import { Roster } from '../../domain/roster';
import { refusalOfRule } from '../helpers/rejections';

const directory = loadDirectory(path.join(REPO_ROOT, 'config', 'organizations.json'));
const committee = loadStandingCommittee(directory);
const DAY = 86_400_000;

describe('ISO durations in workflow code', () => {
  test.each([
    ['2008-01-31T12:00:00.000Z', 'P1M', '2008-02-29T12:00:00.000Z'],
    ['2007-01-31T12:00:00.000Z', 'P1M', '2007-02-28T12:00:00.000Z'],
    ['2006-09-22T22:00:00.000Z', 'P3M', '2006-12-22T22:00:00.000Z'],
    ['2006-09-22T22:00:00.000Z', 'P1Y2M3DT4H5M6S', '2007-11-26T02:05:06.000Z'],
    ['2006-09-22T22:00:00.000Z', 'PT0.5S', '2006-09-22T22:00:00.500Z'],
    ['2006-09-22T22:00:00.000Z', 'P2W', '2006-10-06T22:00:00.000Z'],
  ])('%s + %s = %s', (from, duration, expected) => {
    expect(new Date(addIsoDuration(Date.parse(from), duration)).toISOString()).toBe(expected);
  });

  test('subtracts, and refuses what is not a duration', () => {
    expect(new Date(addIsoDuration(Date.parse('2007-03-31T00:00:00Z'), 'P1M', -1)).toISOString()).toBe(
      '2007-02-28T00:00:00.000Z',
    );
    expect(() => addIsoDuration(0, '3 months')).toThrow('"3 months" is not an ISO-8601 duration');
    expect(() => addIsoDuration(0, 'P')).toThrow();
  });
});

describe("a decision's clock", () => {
  const adoptedAt = '2006-09-22T22:00:00.000Z';
  const spec = DecisionSpec.parse({
    ref: '94b',
    edition: '7',
    meetingTitle: 'Seventh high-level meeting',
    text: 'A databank on conflict prevention capacities should be established.',
    area: 'conflict prevention',
    leadOrganization: 'un',
    responsibleOrganizations: ['au'],
    dueDate: '2007-09-28T21:00:00.000Z',
    adoptedAt,
  });
  const roster = new Roster({
    organizations: [
      {
        id: 'un',
        acronym: 'UN',
        name: 'United Nations',
        focalPoints: [
          { name: 'A', email: 'a@un.example.org', organization: 'un', timeZone: 'America/New_York' },
        ],
      },
      {
        id: 'au',
        acronym: 'AU',
        name: 'African Union',
        focalPoints: [
          { name: 'B', email: 'b@au.example.org', organization: 'au', timeZone: 'Africa/Addis_Ababa' },
        ],
      },
    ],
    committee: committee.roster.members,
    organizers: committee.roster.organizers,
    knownOrganizationIds: ['un', 'au'],
  });
  const policy = (over: DecisionPolicyInput = {}) => DecisionPolicy.parse(over);

  /** Runs the clock from `fromMs` to `untilMs` as the workflow would, and lists what it does. */
  function run(tracker: DecisionTracker, fromMs: number, untilMs: number): string[] {
    const done: string[] = [];
    let now = fromMs;
    for (;;) {
      const action = tracker.dueAction(now);
      if (action) {
        tracker.record(action, new Date(now).toISOString());
        done.push(
          `${new Date(now).toISOString().slice(0, 10)} ${action.kind}${action.kind === 'escalation' ? ` ${action.audience}` : ''}`,
        );
        continue;
      }
      const next = tracker.nextWakeAt(now);
      if (next === undefined || next > untilMs) return done;
      now = Math.max(now, next);
    }
  }

  test('a quarterly cadence, a due-soon reminder, the ladder after the due date, and a stall with no report', () => {
    const tracker = new DecisionTracker(DecisionTracker.adopt(spec, adoptedAt), roster, policy());
    const events = run(tracker, Date.parse(adoptedAt), Date.parse('2008-01-01T00:00:00Z'));
    expect(events).toEqual([
      '2006-12-22 progress-request',
      '2007-03-22 stall',
      '2007-03-22 progress-request',
      '2007-06-22 progress-request',
      '2007-08-29 due-soon',
      '2007-09-22 progress-request',
      '2007-09-28 escalation lead',
      '2007-10-28 escalation committee-chair',
      '2007-11-27 escalation organizers',
      '2007-12-22 progress-request',
    ]);
    expect(tracker.state.status).toBe('stalled');
  });

  test('a decision imported long overdue climbs its ladder one step at a time, keeping the spacing', () => {
    const importedAt = Date.parse('2010-01-04T09:00:00Z');
    const tracker = new DecisionTracker(
      DecisionTracker.adopt(spec, new Date(importedAt).toISOString()),
      roster,
      policy(),
    );
    const escalations = run(tracker, importedAt, importedAt + 90 * DAY).filter((e) =>
      e.includes('escalation'),
    );
    expect(escalations).toEqual([
      '2010-01-04 escalation lead',
      '2010-02-03 escalation committee-chair',
      '2010-03-05 escalation organizers',
    ]);
  });

  test('a pending claim plans only reminders to verify it: every fortnight to the members who may, the chair after two; nothing once closed', () => {
    const tracker = new DecisionTracker(DecisionTracker.adopt(spec, adoptedAt), roster, policy());
    // The lead here is the UN: the chair (from the UN) may not judge its claim, so is not reminded.
    tracker.claim(
      { as: 'a@un.example.org', summary: 'Online.', evidence: ['https://un.example.org/db'] },
      adoptedAt,
      () => 'c1',
    );
    const claimedAt = Date.parse(adoptedAt);
    const first = tracker.dueAction(claimedAt + 14 * DAY);
    expect(first).toMatchObject({ kind: 'verification-reminder', count: 1 });
    expect(first?.recipients.map((p) => p.organization)).not.toContain('un');
    expect(tracker.dueAction(claimedAt + 14 * DAY - 1)).toBeUndefined();
    const events = run(tracker, claimedAt, claimedAt + 45 * DAY);
    expect(events).toEqual([
      '2006-10-06 verification-reminder',
      '2006-10-20 verification-reminder',
      '2006-10-20 verification-escalation',
      // The reminders go on; the chair is told once per claim.
      '2006-11-03 verification-reminder',
    ]);
    const toldChair = tracker.state.notices.filter((n) => n.kind === 'verification-escalation');
    expect(toldChair.map((n) => n.recipients)).toEqual([tracker.roster.chairs().map((c) => c.email)]);

    // Before this rule a pending claim had no timers; workflows that began then keep it so.
    tracker.remindsPendingClaims = false;
    expect(tracker.nextWakeAt(claimedAt)).toBeUndefined();
    tracker.remindsPendingClaims = true;

    tracker.verify({ as: 'committee@eu.example.org', reasons: 'Seen.' }, adoptedAt);
    expect(tracker.closed).toBe(true);
    expect(tracker.nextWakeAt(claimedAt)).toBeUndefined();
    const refused = refusalOfRule(() =>
      tracker.report({ as: 'b@au.example.org', percent: 5, narrative: 'late' }, adoptedAt, () => 'r'),
    );
    expect(refused.message).toMatch(
      /is verified \(by committee@eu.example.org on .*\); no one can report progress on it any more/,
    );
  });

  test('a policy whose ladder goes backwards is refused with the step named', () => {
    const parsed = DecisionPolicy.safeParse({
      escalation: [
        { notify: 'lead', after: 'P30D' },
        { notify: 'organizers', after: 'P1D' },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['escalation', 1, 'after'],
      message: 'steps must be in order: each after the one before',
    });
  });

  test('a rehearsal compresses the policy: a day becomes ten seconds, "at once" stays at once', () => {
    const compressed = compressDecisionPolicy(policy(), 10 / 86_400);
    expect(compressed).toEqual({
      reportCadence: 'PT900S',
      reportWindow: 'PT140S',
      dueSoonBefore: 'PT300S',
      escalation: [
        { notify: 'lead', after: 'PT0S' },
        { notify: 'committee-chair', after: 'PT300S' },
        { notify: 'organizers', after: 'PT600S' },
      ],
      stallAfter: 'PT1810S',
      verificationReminderEvery: 'PT140S',
      verificationRemindersBeforeChair: 2,
    });
    expect(DecisionPolicy.safeParse(compressed).success).toBe(true);
  });

  test("a decision's short title is its first sentence, cut to fit a subject line", () => {
    expect(decisionTitle({ text: 'To strengthen cooperation: the UN should act. More text.' })).toBe(
      'To strengthen cooperation',
    );
    expect(decisionTitle({ text: 'x'.repeat(300) })).toHaveLength(118);
    expect(decisionTitle({ title: 'Given', text: 'Ignored.' })).toBe('Given');
  });
});

describe('the digest and the lists', () => {
  const listing = (over: Partial<DecisionListing>): DecisionListing => ({
    id: `decision-7-${over.ref ?? 'x'}`,
    ref: 'x',
    edition: '7',
    title: 'T',
    status: 'in-progress',
    lead: 'au',
    responsible: [],
    area: 'a',
    dueDate: '2007-01-15T00:00:00.000Z',
    running: true,
    rehearsal: false,
    ...over,
  });

  test('sections follow the states: overdue, stalled, due within the horizon, claimed, verified in the period', () => {
    const digest = buildDigest(
      [
        listing({ ref: 'late', dueDate: '2006-12-01T00:00:00Z' }),
        listing({ ref: 'stuck', status: 'stalled', dueDate: '2006-12-02T00:00:00Z' }),
        listing({ ref: 'soon', dueDate: '2007-01-20T00:00:00Z', responsible: ['igad'] }),
        listing({ ref: 'claimed', status: 'implementation-claimed', dueDate: '2006-11-01T00:00:00Z' }),
        listing({ ref: 'done', status: 'verified', running: false, closedAt: '2006-12-24T00:00:00Z' }),
        listing({ ref: 'old', status: 'verified', running: false, closedAt: '2006-10-01T00:00:00Z' }),
      ],
      [],
      { from: '2006-12-22T00:00:00Z', to: '2007-01-01T00:00:00Z', horizon: 'P30D' },
    );
    expect(digest.overdue.map((d) => d.ref)).toEqual(['late', 'stuck']);
    expect(digest.stalled.map((d) => d.ref)).toEqual(['stuck']);
    expect(digest.dueSoon.map((d) => d.ref)).toEqual(['soon']);
    expect(digest.awaitingVerification.map((d) => d.ref)).toEqual(['claimed']);
    expect(digest.verifiedSince.map((d) => d.ref)).toEqual(['done']);
    expect(digest.byOrganization.find((t) => t.organization === 'igad')).toMatchObject({ leads: 0, open: 1 });
  });

  test('the visibility query names every filter, and keeps quotes in values harmless', () => {
    expect(decisionQuery({ taskQueue: 'convene', status: 'stalled', lead: "o'brien" })).toBe(
      "WorkflowType = 'decisionTracking' AND ExecutionStatus != 'ContinuedAsNew' AND TaskQueue = 'convene' AND DecisionStatus = 'stalled' AND LeadOrganization = 'o\\'brien'",
    );
    expect(decisionQuery({ overdueAt: '2007-01-01T00:00:00Z', rehearsal: false })).toContain(
      "DecisionStatus IN ('adopted', 'in-progress', 'stalled') AND DecisionDueDate < '2007-01-01T00:00:00Z' AND ExecutionStatus = 'Running' AND Rehearsal = false",
    );
  });

  test('the CSV report quotes what needs quoting and defuses spreadsheet formulas', () => {
    const row: ReportRow = {
      id: 'decision-7-94b',
      edition: '7',
      ref: '94b',
      title: 'Databank, "phase one"',
      source: '',
      area: 'conflict prevention',
      lead: 'UN',
      responsible: 'AU',
      status: 'in-progress',
      dueDate: '2007-09-28T21:00:00.000Z',
      overdue: true,
      lastReportAt: '',
      lastReport: '=HYPERLINK("x")',
      closedAt: '',
    };
    const csv = renderReport([row], 'csv', '2007-01-01T00:00:00Z').split('\r\n');
    expect(csv[1]).toBe(
      'decision-7-94b,7,94b,"Databank, ""phase one""",conflict prevention,UN,AU,in-progress,2007-09-28T21:00:00.000Z,true,,"\'=HYPERLINK(""x"")",,',
    );
    expect(renderReport([row], 'md', 'now')).toContain(
      '| 7/94b | Databank, "phase one" | HLM 7 | UN | AU | in-progress **(overdue)** |',
    );
  });
});

describe('shipped configuration', () => {
  test("the example decisions are the report's recommendations (paras 94–101), each with a known lead", () => {
    const file = DecisionFile.parse(
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'config', 'examples', 'decisions-hlm-7.json'), 'utf8')),
    );
    expect(file.decisions.map((d) => d.ref)).toEqual([
      '94a',
      '94b',
      '94c',
      '94d',
      '94e',
      '94f',
      '94g',
      '95a',
      '95b',
      '96a',
      '96b',
      '97',
      '98a',
      '98b',
      '98c',
      '99a',
      '99b',
      '99c',
      '100',
      '101',
    ]);
    expect(organizationsNamed(file).filter((o) => !directory.get(o.id))).toEqual([]);
    const inputs = trackingInputs(file, { organizers: committee.file.organizers });
    expect(inputs[1]!.decision.text).toMatch(/^A databank on conflict prevention capacities/);
  });

  test('a rehearsal import keeps the editions apart and moves the dates so that the meeting ended now', () => {
    const file = DecisionFile.parse(
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'config', 'examples', 'decisions-hlm-7.json'), 'utf8')),
    );
    const nowMs = Date.parse('2026-01-10T12:00:00Z');
    const [first] = trackingInputs(file, { organizers: committee.file.organizers, rehearse: { nowMs } });
    expect(first!.decision).toMatchObject({ edition: 'r7', adoptedAt: '2026-01-10T12:00:00.000Z' });
    expect(first!.rehearsal).toBe(true);
    const shift = Date.parse(first!.decision.dueDate) - nowMs;
    expect(shift).toBe(Date.parse(file.decisions[0]!.dueDate) - Date.parse(file.adoptedAt));
  });

  test('the committee file is checked against the directory, one line per problem', () => {
    expect(committee.roster.members.filter((m) => m.chair).map((m) => m.email)).toEqual([
      'jonas.berg@un.example.org',
    ]);
    expect(committee.roster.members.find((m) => m.organization === 'pif')?.timeZone).toBe('Pacific/Fiji');
    const broken = {
      members: [
        { name: 'A', email: 'a@x.example.org', organization: 'atlantis' },
        { name: 'B', email: 'a@x.example.org', organization: 'au', timeZone: 'Mars/Olympus' },
      ],
      organizers: [{ name: 'O', email: 'o@un.example.org' }],
    };
    expect(() => parseStandingCommittee(broken, 'the test file', directory)).toThrow(
      /members\.0\.organization: unknown organization "atlantis"[\s\S]*members\.1\.email: a@x\.example\.org is listed twice[\s\S]*members\.1\.timeZone: unknown time zone "Mars\/Olympus"[\s\S]*mark one member as the chair/,
    );
  });
});
