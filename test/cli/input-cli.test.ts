/**
 * `convene input review | extend | decide | status`, as an organizer and a chair run them: each
 * prints what happened in words, and a refusal says "Rejected:" and exits 1.
 */
import { cliEnv, convene } from '../helpers/cli';
import {
  compressedCycle,
  GROUPS,
  ORGANIZER,
  sampleInput,
  type CompressedTimeline,
  startCycle,
} from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';
import { workflowIds } from '../../domain/ids';
import { cancelUpdate } from '../../workflows/definitions/preparation-cycle';
import { groupStatusQuery, submitInputUpdate } from '../../workflows/definitions/working-group-input';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

/** Inputs are open for five minutes: time enough for a dozen CLI processes on a loaded machine. */
const SLOW: CompressedTimeline = {
  meetingIn: 600,
  meetingLasts: 60,
  callForInputs: 599,
  inputDeadline: 300,
  consolidationEnd: 200,
  commentPeriodEnd: 100,
  invitations: 50,
  outcomeReportDue: 600,
  reminders: [120],
  graceSeconds: 10,
};

const PEACEKEEPING = GROUPS[2];
const PEACEBUILDING = GROUPS[3];

test('an organizer reviews and a chair asks for more time, through the CLI', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const input = compressedCycle(t.settings, 531, SLOW);
    const cycle = await startCycle(t, input);
    const env = cliEnv(t.settings);
    const group = t.client.workflow.getHandle(workflowIds.workingGroup('531', PEACEKEEPING.id));
    await eventually(
      () =>
        group.executeUpdate(submitInputUpdate, {
          args: [{ as: PEACEKEEPING.chair, input: sampleInput(PEACEKEEPING.id) }],
        }),
      { what: 'the peacekeeping group to take inputs' },
    );

    const revise = await convene(
      [
        'input',
        'review',
        '531',
        PEACEKEEPING.id,
        '--version',
        '1',
        '--revise',
        'Shorten item 1.',
        '--as',
        ORGANIZER,
      ],
      env,
    );
    expect(revise.stderr).toBe('');
    expect(revise.stdout.trim()).toBe(
      'Version 1 of peacekeeping: revision requested. The chair has been told.',
    );

    const again = await convene(
      ['input', 'review', '531', PEACEKEEPING.id, '--version', '1', '--accept', '--as', ORGANIZER],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      'Rejected: version 1 was already reviewed (revision requested by amina.rahman@un.example.org)',
    );

    const both = await convene(
      ['input', 'review', '531', PEACEKEEPING.id, '--version', '1', '--as', ORGANIZER],
      env,
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('give exactly one of --accept or --revise "<comments>"');

    const { deadline } = await group.query(groupStatusQuery);
    const until = new Date(Date.parse(deadline) + 60_000).toISOString();
    const extend = await convene(
      [
        'input',
        'extend',
        '531',
        PEACEBUILDING.id,
        '--until',
        until,
        '--reason',
        'Our council meets late.',
        '--as',
        PEACEBUILDING.chair,
      ],
      env,
    );
    expect(extend.stderr).toBe('');
    expect(extend.stdout).toMatch(
      /^Extension to \w+day \d+ \w+ \d{4}, \d\d:\d\d New York time \(E[SD]T\) requested; the organizers decide with `convene input decide`\./,
    );

    const wrongChair = await convene(
      [
        'input',
        'extend',
        '531',
        PEACEBUILDING.id,
        '--until',
        until,
        '--reason',
        'x',
        '--as',
        PEACEKEEPING.chair,
      ],
      env,
    );
    expect(wrongChair.code).toBe(1);
    expect(wrongChair.stderr.trim()).toBe(
      `Rejected: only the chair of the Peacebuilding group, ${PEACEBUILDING.chair}, may ask for an extension; you are ${PEACEKEEPING.chair}`,
    );

    const deny = await convene(
      ['input', 'decide', '531', PEACEBUILDING.id, '--deny', '--as', ORGANIZER],
      env,
    );
    expect(deny.code).toBe(1);
    expect(deny.stderr.trim()).toBe('Rejected: reason: a refusal needs a reason the chair can read');

    const grant = await convene(
      ['input', 'decide', '531', PEACEBUILDING.id, '--grant', '--as', ORGANIZER],
      env,
    );
    expect(grant.stderr).toBe('');
    expect(grant.stdout.trim()).toBe('Extension granted. The chair has been told.');

    const status = await convene(['input', 'status', '531', PEACEKEEPING.id], env);
    expect(status.stdout).toMatch(
      /^Peacekeeping: \S+; deadline .* New York time .*; 1 version; 0 reminders sent/,
    );
    expect(status.stdout).toContain(`v1 by ${PEACEKEEPING.chair} at `);
    expect(status.stdout).toContain(`— revision-requested by ${ORGANIZER}`);

    const moved = JSON.parse(
      (await convene(['--json', 'input', 'status', '531', PEACEBUILDING.id], env)).stdout,
    ) as {
      deadline: string;
    };
    expect(moved.deadline).toBe(until);

    const unknown = await convene(['input', 'status', '531', 'no-such-group'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no-such-group/);

    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'Test over.' }] });
  });
}, 240_000);
