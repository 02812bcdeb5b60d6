/**
 * A year, edition or reference that names nothing on the server, through the real `bin/convene` on
 * the test server: one sentence in the reader's language and exit 1, never the SDK's stack trace
 * (which `convene council show 2006`, pasted from the help before any 2006 session, used to print).
 */
import { cliEnv, convene } from '../helpers/cli';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const STACK = /\n\s+at |WorkflowNotFoundError/;

test('council status, council move and decision show of nothing say so in a sentence, exit 1', async () => {
  const env = cliEnv(t.settings);

  const status = await convene(['--json', 'council', 'show', '1999'], env);
  expect(status.code).toBe(1);
  expect(status.stdout).toBe('');
  expect(status.stderr.trim()).toBe(
    'council-session-1999 is not on this server, or has ended: check the edition, year or reference ' +
      '(a rehearsal’s begins with r, as in r7 or r2005). `convene cycle list`, `convene council list` ' +
      'and `convene decision list` show what there is.',
  );

  const move = await convene(
    [
      'council',
      'move',
      '1999',
      '--start',
      '2031-09-21T10:00',
      '--end',
      '2031-09-21T13:00',
      '--reason',
      'Council programme of work',
      '--as',
      'council.affairs@un.example.org',
    ],
    env,
  );
  expect(move.code).toBe(1);
  expect(move.stderr).toMatch(/^council-session-1999 is not on this server/);
  expect(move.stderr).not.toMatch(STACK);

  const decision = await convene(['--lang', 'fr', 'decision', 'show', '9/1'], env);
  expect(decision.code).toBe(1);
  expect(decision.stderr).toMatch(/^decision-9-1 n’est pas sur ce serveur, ou est terminé : /);
  expect(decision.stderr).not.toMatch(STACK);
});
