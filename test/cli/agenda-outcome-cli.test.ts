/**
 * `convene agenda comment | approve` and `convene outcome record`, as a focal point and an organizer
 * run them through a compressed cycle: each prints what happened, a refusal says "Rejected:".
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { cliEnv, convene } from '../helpers/cli';
import { compressedCycle, ORGANIZER, type CompressedTimeline, startCycle } from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';
import { workflowIds } from '../../domain/ids';
import { cycleStatusQuery } from '../../workflows/definitions/preparation-cycle';
import { decisionStatusQuery } from '../../workflows/definitions/decision-tracking';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

/** A comment period of 35 s, and the meeting over about 105 s after the start. */
const TIMELINE: CompressedTimeline = {
  meetingIn: 100,
  meetingLasts: 3,
  callForInputs: 99,
  inputDeadline: 85,
  consolidationEnd: 80,
  commentPeriodEnd: 45,
  invitations: 35,
  outcomeReportDue: 600,
  reminders: [5],
  graceSeconds: 2,
};

const EU_FOCAL_POINT = 'focal.point@eu.example.org';
const EDITION = 541;

function outcomeFile(): string {
  const due = new Date(Date.now() + 365 * 86_400_000).toISOString();
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-outcome-')), 'outcome.yaml');
  writeFileSync(
    file,
    YAML.stringify({
      summary: 'The meeting agreed to exchange early-warning analysis every quarter.',
      decisions: [
        {
          ref: 'ew1',
          text: 'Exchange early-warning analysis between the AU and the Secretariat every quarter.',
          area: 'conflict prevention',
          lead: 'au',
          responsible: ['eu'],
          dueDate: due,
        },
      ],
    }),
  );
  return file;
}

test('a focal point comments, the organizer approves, and after the meeting records its outcome, through the CLI', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const input = compressedCycle(t.settings, EDITION, TIMELINE);
    const cycle = await startCycle(t, input);
    const env = cliEnv(t.settings);
    const phase = async () => (await cycle.query(cycleStatusQuery)).phase;

    const early = await convene(
      ['agenda', 'comment', String(EDITION), '--text', 'Too early.', '--as', EU_FOCAL_POINT],
      env,
    );
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(
      /^Rejected: the draft agenda is not open for comment \(the cycle is [a-z-]+\)/,
    );

    await eventually(async () => (await phase()) === 'agenda-comment', {
      timeout: 90_000,
      what: 'the comment period',
    });
    const comment = await convene(
      ['agenda', 'comment', String(EDITION), '--text', 'Add maritime security.', '--as', EU_FOCAL_POINT],
      env,
    );
    expect(comment.stderr).toBe('');
    expect(comment.stdout).toMatch(
      /^Comment recorded for EU at \w+day \d+ \w+ \d{4}, \d\d:\d\d New York time/,
    );

    const outsider = await convene(['agenda', 'approve', String(EDITION), '--as', EU_FOCAL_POINT], env);
    expect(outsider.code).toBe(1);
    expect(outsider.stderr).toMatch(/^Rejected: .*approve the agenda/);

    const approved = await convene(
      ['agenda', 'approve', String(EDITION), '--note', 'As discussed.', '--as', ORGANIZER],
      env,
    );
    expect(approved.stderr).toBe('');
    expect(approved.stdout).toMatch(
      /^Agenda approved at .* New York time .*; the invitations go out at the invitations milestone\./,
    );

    const tooSoon = await convene(
      ['outcome', 'record', String(EDITION), outcomeFile(), '--as', ORGANIZER],
      env,
    );
    expect(tooSoon.code).toBe(1);
    expect(tooSoon.stderr).toMatch(/^Rejected: .*record the outcome \(it is taken after the meeting\)/);

    await eventually(async () => (await phase()) === 'awaiting-outcome', {
      timeout: 120_000,
      what: 'the end of the meeting',
    });
    const recorded = await convene(
      ['outcome', 'record', String(EDITION), outcomeFile(), '--as', ORGANIZER],
      env,
    );
    expect(recorded.stderr).toBe('');
    expect(recorded.stdout).toMatch(
      new RegExp(`^Outcome recorded: 1 decision tracked \\(decision-${EDITION}-ew1\\)\\.`),
    );

    const decision = t.client.workflow.getHandle(workflowIds.decision(String(EDITION), 'ew1'));
    const view = await eventually(() => decision.query(decisionStatusQuery), { what: 'the decision' });
    expect(view).toMatchObject({ edition: String(EDITION), lead: { id: 'au' } });
    expect((await cycle.query(cycleStatusQuery)).comments.map((c) => c.text)).toEqual([
      'Add maritime security.',
    ]);
    await decision.terminate('test done');
  });
}, 300_000);
