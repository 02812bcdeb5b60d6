/**
 * Every change to a decision tells the people it concerns, each with their own reason line: a
 * claim the committee members who may verify it, a verdict, an extension or a closure the lead's
 * and the responsible organizations' focal points, a reassignment the old lead and the new, a
 * report its reporter, an import the lead. Asserted on the .eml files in the outbox.
 */
import type { WorkflowHandle } from '@temporalio/client';
import {
  claimImplementedUpdate,
  extendDueDateUpdate,
  reassignLeadUpdate,
  rejectClaimUpdate,
  reportProgressUpdate,
  supersedeUpdate,
  verifyUpdate,
  withdrawUpdate,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import { describeDecision } from '../../cli/commands/decision';
import { eventually } from '../helpers/eventually';
import { mailTo, type ReceivedMail } from '../helpers/outbox';
import {
  AU,
  AU_DEPUTY,
  CHAIR,
  ECOWAS,
  IGAD,
  MEMBER_AU,
  MEMBER_EU,
  ORGANIZER,
  startHarness,
  status,
  type DecisionHarness,
} from './helpers';

let h: DecisionHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type Handle = WorkflowHandle<DecisionTrackingWorkflow>;
const refOf = (handle: Handle) => handle.workflowId.replace(/^decision-7-/, '');
const SADC = 'focal.point@sadc.example.org';
const SADC_DEPUTY = 'deputy@sadc.example.org';
const IGAD_DEPUTY = 'deputy@igad.example.org';
const ECOWAS_DEPUTY = 'deputy@ecowas.example.org';
/** The focal points of the lead (AU) and of the responsible organizations (IGAD, ECOWAS). */
const OWNERS = [AU, AU_DEPUTY, IGAD, IGAD_DEPUTY, ECOWAS, ECOWAS_DEPUTY].sort();
const evidence = ['https://au.example.org/databank/launch-report.pdf'];

/** The mails of one kind of event about this decision, once `count` of them are in the outbox. */
async function eventMails(handle: Handle, subjectEnd: string, count: number): Promise<ReceivedMail[]> {
  const subject = `HLM 7 · decision ${refOf(handle)}: ${subjectEnd}`;
  return eventually(
    async () => {
      const mails = (await h.outbox()).filter((m) => m.subject === subject);
      return mails.length >= count ? mails : undefined;
    },
    { what: `${count} mail(s) "${subject}"` },
  );
}

const addressOf = (to: string) => /<([^>]+)>/.exec(to)?.[1] ?? to;
const recipients = (mails: ReceivedMail[]) => mails.map((m) => addressOf(m.to)).sort();
/** The one mail to `email`, its text with lines joined (sentences wrap at 72 columns). */
const only = (mails: ReceivedMail[], email: string) => {
  const found = mailTo(mails, email);
  expect(found).toHaveLength(1);
  const mail = found[0]!;
  return { ...mail, text: mail.text.replace(/\s+/g, ' ') };
};

test('a claim asks the committee members who may verify it; the rejection and the verification tell the lead and the responsible organizations', async () => {
  const handle = await h.start();
  await handle.executeUpdate(claimImplementedUpdate, {
    args: [{ as: AU, summary: 'The databank is online and fed by all partners.', evidence }],
  });
  // Seven members, less the one from the lead organization (AU), who may not judge its claim.
  // Seven members, less the one from the lead organization (AU), who may not judge its claim; the
  // members from OAS and LAS read it in Spanish and Arabic.
  const claimed = await eventMails(handle, 'implementation claimed, awaiting your verification', 4);
  expect(recipients(claimed)).toEqual(
    [CHAIR, MEMBER_EU, 'committee@asean.example.org', 'committee@pif.example.org'].sort(),
  );
  const inSpanish = mailTo(await h.outbox(), 'committee@oas.example.org').find((m) =>
    m.subject.includes(`decisión ${refOf(handle)}`),
  );
  expect(inSpanish?.kind).toBe('decision-update');
  expect(mailTo(await h.outbox(), MEMBER_AU).filter((m) => m.kind === 'decision-update')).toEqual([]);
  const toMember = only(claimed, MEMBER_EU);
  expect(toMember.kind).toBe('decision-update');
  expect(toMember.text).toContain('The databank is online and fed by all partners.');
  expect(toMember.text).toContain(evidence[0]);
  expect(toMember.text).toContain('in New York');
  expect(toMember.text).toContain('you are a member of the standing committee');
  expect(toMember.html).toContain('you are a member of the standing committee');
  expect(only(claimed, CHAIR).text).toContain('you chair the standing committee');
  // The record says who was told, in `decision show` and in its --json (the view itself).
  const told = (await status(handle)).notices.find((n) => n.event === 'claim-awaiting');
  expect(told).toMatchObject({ kind: 'event', audience: 'committee-member' });
  expect(told?.recipients).toContain(MEMBER_EU);
  expect(describeDecision(await status(handle))).toMatch(
    /notice .*: claim-awaiting to committee-chair \(jonas\.berg@un\.example\.org\)/,
  );

  await handle.executeUpdate(rejectClaimUpdate, {
    args: [{ as: MEMBER_EU, reasons: 'Only three partners feed the databank so far.' }],
  });
  const rejected = await eventMails(handle, 'claim of implementation rejected', 6);
  expect(recipients(rejected)).toEqual(OWNERS);
  const toLead = only(rejected, AU);
  expect(toLead.text).toContain('Only three partners feed the databank so far.');
  expect(toLead.text).toContain(MEMBER_EU);
  expect(toLead.text).toContain('Addis Ababa time');
  expect(toLead.text).toContain('you are a focal point of the lead organization of decision');
  expect(only(rejected, IGAD).text).toContain('you are a focal point of a responsible organization');

  await handle.executeUpdate(claimImplementedUpdate, {
    args: [{ as: AU, summary: 'All partners now feed the databank.', evidence }],
  });
  await handle.executeUpdate(verifyUpdate, {
    args: [{ as: MEMBER_EU, reasons: 'Checked: entries from twelve partners.' }],
  });
  const verified = await eventMails(handle, 'implementation verified', 6);
  expect(recipients(verified)).toEqual(OWNERS);
  expect(only(verified, ECOWAS).text).toContain('Checked: entries from twelve partners.');
  expect((await handle.result()).status).toBe('verified');
});

test('a progress report is acknowledged to its reporter alone', async () => {
  const handle = await h.start();
  await handle.executeUpdate(reportProgressUpdate, {
    args: [{ as: AU_DEPUTY, reportId: 'q1', percent: 40, narrative: 'Design agreed with IGAD and ECOWAS.' }],
  });
  // The same report again (a retry) is acknowledged once.
  await handle.executeUpdate(reportProgressUpdate, {
    args: [{ as: AU_DEPUTY, reportId: 'q1', percent: 40, narrative: 'Design agreed with IGAD and ECOWAS.' }],
  });
  const receipts = await eventMails(handle, 'progress report received', 1);
  expect(recipients(receipts)).toEqual([AU_DEPUTY]);
  const receipt = receipts[0]!;
  expect(receipt.text).toContain('(40%) has been received');
  expect(receipt.text).toContain('Design agreed with IGAD and ECOWAS.');
  expect(receipt.text).toContain('you sent a progress report on decision');
  expect((await status(handle)).reports).toHaveLength(1);
  await handle.terminate('test done');
});

test('an extension tells the lead and the responsible organizations the new due date in both zones', async () => {
  const handle = await h.start({ dueIn: 3600 });
  const newDue = '2031-03-31T15:00:00.000Z';
  await handle.executeUpdate(extendDueDateUpdate, {
    args: [{ as: MEMBER_EU, dueDate: newDue, reason: 'The AU summit moved to March.' }],
  });
  const extended = await eventMails(handle, 'due date extended', 6);
  expect(recipients(extended)).toEqual(OWNERS);
  const toLead = only(extended, AU);
  // 15:00 UTC is 18:00 in Addis Ababa and 11:00 in New York (summer time from 9 March 2031).
  expect(toLead.text).toMatch(/18:00 Addis Ababa time/);
  expect(toLead.text).toMatch(/11:00 in New York/);
  expect(toLead.text).toContain('The AU summit moved to March.');
  await handle.terminate('test done');
});

test('a reassignment tells the old lead and the new, each why; a withdrawal tells the new lead and the responsible', async () => {
  const handle = await h.start();
  await handle.executeUpdate(reassignLeadUpdate, {
    args: [{ as: ORGANIZER, leadOrganization: 'sadc', reason: 'SADC hosts the databank now.' }],
  });
  const reassigned = await eventMails(handle, 'lead reassigned from AU to SADC', 4);
  expect(recipients(reassigned)).toEqual([AU, AU_DEPUTY, SADC, SADC_DEPUTY].sort());
  expect(only(reassigned, AU).text).toContain('the organization that led decision');
  expect(only(reassigned, SADC).text).toContain('you are a focal point of the lead organization');
  expect(only(reassigned, SADC).text).toContain('SADC hosts the databank now.');

  await handle.executeUpdate(withdrawUpdate, {
    args: [{ as: ORGANIZER, reason: 'Overtaken by the 2008 framework.' }],
  });
  const withdrawn = await eventMails(handle, 'withdrawn', 6);
  expect(recipients(withdrawn)).toEqual([SADC, SADC_DEPUTY, IGAD, IGAD_DEPUTY, ECOWAS, ECOWAS_DEPUTY].sort());
  expect(only(withdrawn, IGAD).text).toContain('Overtaken by the 2008 framework.');
});

test('a superseded decision tells its lead and responsible organizations which decision replaces it', async () => {
  const handle = await h.start();
  await handle.executeUpdate(supersedeUpdate, {
    args: [{ as: ORGANIZER, supersededBy: '8/12', reason: 'Folded into the 2008 databank decision.' }],
  });
  const superseded = await eventMails(handle, 'superseded by 8/12', 6);
  expect(recipients(superseded)).toEqual(OWNERS);
  expect(only(superseded, AU).text).toContain('Folded into the 2008 databank decision.');
});

test('a decision started by decision import tells its lead it is tracked now', async () => {
  const handle = await h.start({ imported: true });
  const told = await eventMails(handle, 'now tracked, with your organization as lead', 2);
  expect(recipients(told)).toEqual([AU, AU_DEPUTY].sort());
  expect(only(told, AU).text).toContain('you are a focal point of the lead organization');
  await handle.terminate('test done');
});
