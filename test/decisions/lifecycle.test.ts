import { searchAttributes } from '../../domain/ids';
import { expectRejected } from '../helpers/rejections';
import {
  claimImplementedUpdate,
  rejectClaimUpdate,
  reportProgressUpdate,
  verifyUpdate,
} from '../../workflows/definitions/decision-tracking';
import {
  AU,
  ECOWAS,
  IGAD,
  MEMBER_AU,
  MEMBER_EU,
  startHarness,
  status,
  type DecisionHarness,
} from './helpers';

let h: DecisionHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const evidence = ['https://au.example.org/databank/launch-report.pdf'];

test('a decision goes from adopted to verified: the lead reports, claims with evidence, and a committee member verifies', async () => {
  const handle = await h.start();

  const first = await handle.executeUpdate(reportProgressUpdate, {
    args: [
      { as: AU, reportId: 'au-q1', percent: 40, narrative: 'Databank design agreed with IGAD and ECOWAS.' },
    ],
  });
  expect(first).toMatchObject({ status: 'in-progress', duplicate: false, id: 'au-q1' });

  // The same report sent again (a retry) is recorded once.
  const again = await handle.executeUpdate(reportProgressUpdate, {
    args: [
      { as: AU, reportId: 'au-q1', percent: 40, narrative: 'Databank design agreed with IGAD and ECOWAS.' },
    ],
  });
  expect(again).toMatchObject({ duplicate: true, id: 'au-q1' });

  await handle.executeUpdate(claimImplementedUpdate, {
    args: [{ as: AU, summary: 'The databank is online and fed by all partners.', evidence }],
  });
  expect((await status(handle)).status).toBe('implementation-claimed');

  await handle.executeUpdate(verifyUpdate, {
    args: [{ as: MEMBER_EU, reasons: 'Checked the databank; entries from twelve partners.' }],
  });
  const final = await handle.result();
  expect(final.status).toBe('verified');
  expect(final.reports).toHaveLength(1);
  expect(final.closure).toMatchObject({ status: 'verified', by: MEMBER_EU });
  expect(final.statusChanges.map((c) => c.to)).toEqual(['in-progress', 'implementation-claimed', 'verified']);
  const described = await handle.describe();
  expect(described.status.name).toBe('COMPLETED');
  expect(described.typedSearchAttributes.get(searchAttributes.DecisionStatus)).toBe('verified');
});

test("each responsible organization keeps its own response and reports beside the lead's", async () => {
  const handle = await h.start();
  await handle.executeUpdate(reportProgressUpdate, {
    args: [{ as: IGAD, percent: 0, narrative: 'IGAD accepts its part: the Horn of Africa entries.' }],
  });
  await handle.executeUpdate(reportProgressUpdate, {
    args: [
      {
        as: ECOWAS,
        percent: 100,
        narrative: 'ECOWAS entries complete.',
        evidence: ['https://ecowas.example.org/entries'],
      },
    ],
  });
  await handle.executeUpdate(reportProgressUpdate, {
    args: [{ as: AU, percent: 30, narrative: 'Half the regional entries are in.', response: 'in-progress' }],
  });
  const view = await status(handle);
  const byOrg = Object.fromEntries(view.responses.map((r) => [r.organization, r]));
  expect(byOrg.au).toMatchObject({ role: 'lead', state: 'in-progress' });
  expect(byOrg.igad).toMatchObject({ role: 'responsible', state: 'accepted' });
  expect(byOrg.ecowas).toMatchObject({ role: 'responsible', state: 'done' });
  expect(byOrg.ecowas?.reportIds).toHaveLength(1);
  expect(view.reports.map((r) => r.organization)).toEqual(['igad', 'ecowas', 'au']);
  expect(view.status).toBe('in-progress');
  expect(view.lastReport?.summary).toContain('30% (AU)');
  await handle.terminate('test done');
});

test('a claim the committee rejects goes back to in progress with the reasons, and the lead may claim again', async () => {
  const handle = await h.start();
  await handle.executeUpdate(claimImplementedUpdate, {
    args: [{ as: AU, claimId: 'claim-1', summary: 'Done.', evidence }],
  });
  // A member from the lead organization cannot judge its own claim.
  await expectRejected(
    handle.executeUpdate(verifyUpdate, { args: [{ as: MEMBER_AU, reasons: 'fine' }] }),
    'conflict-of-interest',
    'another member of the committee must verify its claim',
  );
  await handle.executeUpdate(rejectClaimUpdate, {
    args: [{ as: MEMBER_EU, reasons: 'The databank has no entries from the subregional organizations yet.' }],
  });
  let view = await status(handle);
  expect(view.status).toBe('in-progress');
  expect(view.claims[0]?.outcome).toMatchObject({ verdict: 'rejected', by: MEMBER_EU });
  expect(view.statusChanges.at(-1)?.why).toContain('no entries from the subregional organizations');

  const second = await handle.executeUpdate(claimImplementedUpdate, {
    args: [{ as: AU, claimId: 'claim-2', summary: 'Subregional entries added.', evidence }],
  });
  expect(second).toMatchObject({ status: 'implementation-claimed', id: 'claim-2' });
  view = await status(handle);
  expect(view.claims).toHaveLength(2);
  await handle.terminate('test done');
});
