/**
 * Two cycles in a row on the real server (issue 15, item 5): edition N runs to its outcome, whose
 * decisions are tracked and stay unimplemented; the standing committee proposes one idea before
 * meeting N and one after it; edition N+1's draft agenda then carries N's decisions and the
 * committee's ideas as its standing items.
 *
 * Both editions are rehearsals of meetings planned a year apart, played at the real pace on the
 * compressed timeline: the plan's calendar passes a year while the clock passes a minute, and an
 * agenda counts years open on the plan's calendar ("open 1 year").
 */
import { testKeyRing } from '../helpers/keys';
import { eventually } from '../helpers/eventually';
import { recordHistory } from '../helpers/histories';
import { DocumentStore } from '../../store/documents';
import { storeFor } from '../../store/store';
import {
  approveAgendaUpdate,
  cycleStatusQuery,
  recordOutcomeUpdate,
} from '../../workflows/definitions/preparation-cycle';
import {
  proposeIdeaUpdate,
  STANDING_COMMITTEE_WORKFLOW,
  type StandingCommitteeWorkflow,
} from '../../workflows/definitions/standing-committee';
import {
  DECISION_TRACKING_WORKFLOW,
  decisionStatusQuery,
} from '../../workflows/definitions/decision-tracking';
import { committeeStatusQuery } from '../../workflows/definitions/standing-committee';
import { compressedCycle, ORGANIZER, startCycle } from '../helpers/cycle';
import { MEMBER_AU, MEMBER_EU } from '../decisions/helpers';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const BEFORE = 'A joint early-warning workshop with the AU and IGAD.';
const AFTER = 'A shared roster of mediators, kept up to date by the partners.';

const decision = (ref: string, text: string, lead: string) => ({
  ref,
  text,
  area: 'conflict-prevention',
  lead,
  responsible: [],
  dueDate: '2030-12-31T00:00:00Z',
});
const OUTCOME = [
  decision('1', 'Partners should exchange early-warning assessments every quarter.', 'au'),
  decision('2', 'A joint training course for mediators should be held each year.', 'igad'),
];

type Cycle = Awaited<ReturnType<typeof startCycle>>;

async function draftAgendaOf(cycle: Cycle): Promise<string> {
  await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'agenda-comment', {
    timeout: 40_000,
    what: `the draft agenda of ${cycle.workflowId}`,
  });
  const document = await new DocumentStore(storeFor(t.settings), testKeyRing()).get(
    cycle.workflowId,
    'draft-agenda',
  );
  expect(document).toBeDefined();
  return document!.markdown;
}

test("edition N+1's draft agenda carries N's unimplemented decisions, open 1 year, and only the ideas N did not take up", async () => {
  const worker = await t.createWorker();
  const started: string[] = [];
  await worker.runUntil(async () => {
    const committee = await t.client.workflow.start<StandingCommitteeWorkflow>(STANDING_COMMITTEE_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: t.settings.committeeWorkflowId,
      args: [{}],
    });
    started.push(committee.workflowId);
    await committee.executeUpdate(proposeIdeaUpdate, { args: [{ as: MEMBER_EU, text: BEFORE }] });

    // Edition N, to its outcome.
    const inputN = compressedCycle(t.settings, 601, undefined, { rehearsalOf: '2027-10-14T14:00:00Z' });
    const cycleN = await startCycle(t, inputN);
    const draftN = await draftAgendaOf(cycleN);
    expect(draftN).toContain(BEFORE);
    expect(draftN).not.toContain(AFTER);
    await cycleN.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] });
    await eventually(async () => (await cycleN.query(cycleStatusQuery)).phase === 'awaiting-outcome', {
      timeout: 40_000,
      what: 'meeting N to end',
    });
    const recorded = await cycleN.executeUpdate(recordOutcomeUpdate, {
      args: [{ as: ORGANIZER, summary: 'Meeting N agreed on two decisions.', decisions: OUTCOME }],
    });
    started.push(...recorded.decisions);
    expect(recorded.decisions).toHaveLength(2);
    expect((await cycleN.result()).phase).toBe('completed');
    // Tracked, and not implemented: nobody has reported on them.
    for (const id of recorded.decisions) {
      const handle = t.client.workflow.getHandle(id);
      expect((await handle.describe()).type).toBe(DECISION_TRACKING_WORKFLOW);
      expect((await handle.query(decisionStatusQuery)).status).not.toMatch(/implemented|verified/);
    }

    // After meeting N, a second idea.
    await committee.executeUpdate(proposeIdeaUpdate, { args: [{ as: MEMBER_AU, text: AFTER }] });

    // Edition N+1, to its draft agenda.
    // The idea meeting N took up is marked so, with the meeting.
    const ideas = await eventually(
      async () => {
        const all = (await committee.query(committeeStatusQuery)).ideas;
        return all.some((i) => i.takenUpBy) && all;
      },
      { what: 'the idea marked as taken up' },
    );
    expect(ideas.find((i) => i.text === BEFORE)?.takenUpBy?.edition).toBe(inputN.editionKey);
    expect(ideas.find((i) => i.text === AFTER)?.takenUpBy).toBeUndefined();

    const inputN1 = compressedCycle(t.settings, 602, undefined, { rehearsalOf: '2028-10-12T14:00:00Z' });
    const cycleN1 = await startCycle(t, inputN1);
    started.push(cycleN1.workflowId);
    const draft = await draftAgendaOf(cycleN1);
    expect(draft).toContain('Implementation of decisions of previous meetings');
    for (const d of OUTCOME)
      expect(draft).toMatch(
        new RegExp(`HLM ${inputN.editionKey}, ${d.ref}: ${d.text} — adopted, open 1 year(;|$)`, 'm'),
      );
    // Only the idea proposed since meeting N: the earlier one was N's to take up.
    expect(draft).toContain(AFTER);
    expect(draft).not.toContain(BEFORE);
  });
  for (const id of started)
    await t.client.workflow
      .getHandle(id)
      .terminate('test done')
      .catch(() => undefined);
}, 180_000);

test('an outcome without decisions still marks the ideas its agenda took up, so no later agenda carries them again', async () => {
  const worker = await t.createWorker();
  const started: string[] = [];
  const IDEA = 'A standing exchange of liaison officers between the secretariats.';
  await worker.runUntil(async () => {
    const committee = await t.client.workflow.start<StandingCommitteeWorkflow>(STANDING_COMMITTEE_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: t.settings.committeeWorkflowId,
      args: [{}],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    started.push(committee.workflowId);
    const { id } = await committee.executeUpdate(proposeIdeaUpdate, {
      args: [{ as: MEMBER_EU, text: IDEA }],
    });

    const input = compressedCycle(t.settings, 603, undefined, { rehearsalOf: '2029-10-11T14:00:00Z' });
    const cycle = await startCycle(t, input);
    started.push(cycle.workflowId);
    expect(await draftAgendaOf(cycle)).toContain(IDEA);
    await cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] });
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'awaiting-outcome', {
      timeout: 40_000,
      what: 'the meeting to end',
    });
    const recorded = await cycle.executeUpdate(recordOutcomeUpdate, {
      args: [{ as: ORGANIZER, summary: 'The meeting exchanged views; no decisions.', decisions: [] }],
    });
    expect(recorded.decisions).toEqual([]);

    const idea = await eventually(
      async () => (await committee.query(committeeStatusQuery)).ideas.find((i) => i.id === id && i.takenUpBy),
      { what: 'the idea marked as taken up by a meeting without decisions' },
    );
    expect(idea.takenUpBy?.edition).toBe(input.editionKey);
    const announced = (await committee.query(committeeStatusQuery)).announcements;
    expect(announced).toContainEqual(expect.objectContaining({ edition: input.editionKey, refs: [] }));
    // The branch of patch 'ideas-taken-up-without-decisions', replayed by test/cycle/replay.test.ts.
    if (process.env.CONVENE_RECORD_HISTORIES) {
      expect((await cycle.result()).phase).toBe('completed');
      await recordHistory(cycle, 'cycle-ideas-taken-up-without-decisions');
    }
  });
  for (const id of started)
    await t.client.workflow
      .getHandle(id)
      .terminate('test done')
      .catch(() => undefined);
}, 120_000);
