/**
 * One date, owned once, through the real `bin/convene`: a cycle whose specification names its
 * Council session starts from the date that running session holds, not from the file's copy.
 */
import { workflowIds } from '../../domain/ids';
import { cliEnv, convene } from '../helpers/cli';
import { ORGANIZER } from '../helpers/cycle';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const COUNCIL_AFFAIRS = 'council.affairs@un.example.org';

test("cycle start takes the Council's date from the running session it names, and says so; a reschedule of the cycle reaches the session's status", async () => {
  const env = cliEnv(t.settings);
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    // A slow rehearsal (a day a minute): nothing happens on its own while the test runs.
    const session = await convene(
      [
        'council',
        'start',
        'config/examples/council-session-2006.yaml',
        '--rehearse',
        '--seconds-per-day',
        '60',
        '--as',
        COUNCIL_AFFAIRS,
      ],
      env,
    );
    expect(session).toMatchObject({ code: 0 });
    // The presidency moves the Council's meeting a day later, before the cycle is launched.
    const moved = await convene(
      [
        'council',
        'move',
        'r2006',
        '--start',
        '2006-09-21T10:00',
        '--end',
        '2006-09-21T13:00',
        '--reason',
        'The programme of work changed.',
        '--as',
        COUNCIL_AFFAIRS,
      ],
      env,
    );
    expect(moved).toMatchObject({ code: 0 });

    // config/examples/hlm-7-2006.yaml still says 2006-09-20: the session's own date wins.
    const cycle = await convene(
      [
        '--json',
        'cycle',
        'start',
        'config/examples/hlm-7-2006.yaml',
        '--rehearse',
        '--seconds-per-day',
        '60',
        '--as',
        ORGANIZER,
      ],
      env,
    );
    expect(cycle.code).toBe(0);
    expect(cycle.stderr).toContain("The Council's date is the one council-session-r2006 holds: ");
    expect(cycle.stderr).toContain('21 September 2006');
    const status = JSON.parse(cycle.stdout) as { securityCouncil: { start: string; session: string } };
    expect(status.securityCouncil).toMatchObject({
      start: '2006-09-21T14:00:00.000Z',
      session: 'council-session-r2006',
    });

    // The cycle is rescheduled a fortnight later: the session's organizers read that they no longer coincide.
    const rescheduled = await convene(
      [
        'cycle',
        'reschedule',
        'r7',
        '--start',
        '2006-10-06T10:00',
        '--end',
        '2006-10-06T18:00',
        '--reason',
        'The venue is taken.',
        '--as',
        ORGANIZER,
      ],
      env,
    );
    expect(rescheduled).toMatchObject({ code: 0 });
    const council = await convene(['council', 'status', 'r2006'], env);
    expect(council.stdout).toMatch(
      /high-level meeting: hlm-r7 starts Friday 6 October 2006.*the two NO LONGER coincide/,
    );

    await t.client.workflow.getHandle(workflowIds.cycle('r7')).terminate('test over');
    await t.client.workflow.getHandle('council-session-r2006').terminate('test over');
  });
}, 120_000);
