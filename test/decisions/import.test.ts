/**
 * `convene decision import`: the seventh meeting's decisions (the report's recommendations, paras
 * 94–101) from the shipped example, as a rehearsal, through the CLI an operator runs.
 */
import { eventually } from '../helpers/eventually';
import { workflowIds } from '../../domain/ids';
import { decisionStatusQuery } from '../../workflows/definitions/decision-tracking';
import { committeeStatusQuery } from '../../workflows/definitions/standing-committee';
import { cliEnv, convene } from '../helpers/cli';
import { startHarness, type DecisionHarness } from './helpers';

let h: DecisionHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  const refs = ['94a', '94b', '94c', '94d', '94e', '94f', '94g', '95a', '95b', '96a', '96b', '97'];
  const more = ['98a', '98b', '98c', '99a', '99b', '99c', '100', '101'];
  for (const ref of [...refs, ...more]) {
    await h.t.client.workflow
      .getHandle(workflowIds.decision('r7', ref))
      .terminate('test done')
      .catch(() => undefined);
  }
  await h.t.client.workflow
    .getHandle(h.committeeId)
    .terminate('test done')
    .catch(() => undefined);
  await h.close();
});

test('importing the example as a rehearsal starts twenty decisions of edition r7, tells the committee, and a second import starts none', async () => {
  const env = cliEnv(h.t.settings);
  const first = await convene(
    ['decision', 'import', 'config/examples/decisions-hlm-7.json', '--rehearse'],
    env,
  );
  expect(first.stderr).toBe('');
  expect(first.stdout).toContain('20 started, 0 already tracked.');

  const view = await h.t.client.workflow
    .getHandle(workflowIds.decision('r7', '96a'))
    .query(decisionStatusQuery);
  expect(view).toMatchObject({ rehearsal: true, edition: 'r7', lead: { id: 'au', acronym: 'AU' } });
  expect(view.title).toBe('Regional capabilities in the Standby Arrangements System');
  expect(Math.abs(Date.parse(view.adoptedAt) - Date.now())).toBeLessThan(60_000);

  const [again, listed] = await Promise.all([
    convene(['decision', 'import', 'config/examples/decisions-hlm-7.json', '--rehearse'], env),
    eventually(
      async () => {
        const result = await convene(['--json', 'decision', 'list', '--rehearsal', '--edition', 'r7'], env);
        const rows = JSON.parse(result.stdout) as unknown[];
        return rows.length === 20 ? rows : undefined;
      },
      { what: 'the twenty rehearsal decisions in visibility' },
    ),
  ]);
  expect(again.stdout).toContain('0 started, 20 already tracked.');
  expect(listed).toHaveLength(20);
  // The edition as people say it, with --rehearsal, finds the same twenty.
  const byNumber = await convene(['--json', 'decision', 'list', '--edition', '7', '--rehearsal'], env);
  expect(JSON.parse(byNumber.stdout)).toHaveLength(20);
  const real = await convene(['--json', 'decision', 'list', '--edition', '7'], env);
  expect(JSON.parse(real.stdout)).toEqual([]);

  // The import started this file's own committee (CONVENE_COMMITTEE_ID) and announced the twenty.
  const committee = h.t.client.workflow.getHandle(h.committeeId);
  expect((await committee.describe()).taskQueue).toBe(h.t.taskQueue);
  const status = await eventually(
    async () => {
      const s = await committee.query(committeeStatusQuery);
      return s.announcements.length ? s : undefined;
    },
    { what: 'the announcement' },
  );
  expect(status.announcements[0]).toMatchObject({ edition: 'r7' });
  expect(status.announcements[0]?.refs).toHaveLength(20);
});
