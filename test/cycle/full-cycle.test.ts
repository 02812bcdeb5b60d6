import { DateTime } from 'luxon';
import YAML from 'yaml';
import { testKeyRing } from '../helpers/keys';
import { eventually } from '../helpers/eventually';
import { recordHistory } from '../helpers/histories';
import type { StoredDocument } from '../../domain/documents';
import { workflowIds } from '../../domain/ids';
import { contentHash, DocumentStore } from '../../store/documents';
import { storeFor } from '../../store/store';
import {
  approveAgendaUpdate,
  cycleStatusQuery,
  recordOutcomeUpdate,
} from '../../workflows/definitions/preparation-cycle';
import { reviewInputUpdate, submitInputUpdate } from '../../workflows/definitions/working-group-input';
import { compressedCycle, GROUPS, ORGANIZER, sampleInput, startCycle } from '../helpers/cycle';
import { mailTo, readOutbox } from '../helpers/outbox';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

test('all six groups submit on time: agenda, invitations with a calendar entry, outcome report to everyone', async () => {
  const input = compressedCycle(t.settings, 101);
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'collecting-inputs', {
      timeout: 45_000,
      what: 'the call for inputs',
    });

    for (const g of GROUPS) {
      const group = t.client.workflow.getHandle(workflowIds.workingGroup(input.editionKey, g.id));
      const receipt = await eventually(
        () => group.executeUpdate(submitInputUpdate, { args: [{ as: g.chair, input: sampleInput(g.id) }] }),
        { timeout: 45_000, what: `${g.id} accepting inputs` },
      );
      expect(receipt).toMatchObject({ version: 1, onTime: true, duplicate: false });
      const again = await group.executeUpdate(submitInputUpdate, {
        args: [{ as: g.chair, input: sampleInput(g.id) }],
      });
      expect(again).toEqual({ ...receipt, duplicate: true });
      await group.executeUpdate(reviewInputUpdate, {
        args: [{ as: ORGANIZER, decision: 'accept', version: 1 }],
      });
    }
    const agendaOpen = await eventually(
      async () => {
        const s = await cycle.query(cycleStatusQuery);
        return s.phase === 'agenda-comment' && s;
      },
      { timeout: 30_000, what: 'the draft agenda' },
    );
    expect(agendaOpen.groups.every((g) => g.status === 'accepted' && !g.late)).toBe(true);
    // The status names the version in the shared store and its hash, never a path on one machine.
    const stored = agendaOpen.documents.draftAgenda as StoredDocument;
    expect(stored).toMatchObject({ id: `${cycle.workflowId}/draft-agenda`, version: 1 });
    const document = await new DocumentStore(storeFor(t.settings), testKeyRing()).get(
      cycle.workflowId,
      'draft-agenda',
    );
    expect(document && contentHash(document)).toBe(stored.sha256);
    const draft = document!.markdown;
    for (const g of GROUPS) expect(draft).toContain(`${g.id} item 1`);
    expect(draft).toContain('proposed by Peacekeeping');
    expect(draft).toContain('Implementation of decisions of previous meetings');

    await cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] });
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'awaiting-outcome', {
      timeout: 40_000,
      what: 'the meeting to end',
    });
    const result = await cycle.executeUpdate(recordOutcomeUpdate, {
      args: [
        {
          as: ORGANIZER,
          summary: 'The meeting agreed to strengthen the partnership.',
          decisions: [
            {
              ref: '1',
              text: 'Hold a joint training course.',
              area: 'peacekeeping',
              lead: 'au',
              responsible: ['eu'],
              dueDate: '2030-12-31T00:00:00Z',
            },
          ],
        },
      ],
    });
    expect(result.decisions).toEqual([workflowIds.decision(input.editionKey, '1')]);
    // Decisions outlive the cycle: tracked by a workflow of their own, still running after it.
    const decision = t.client.workflow.getHandle(workflowIds.decision(input.editionKey, '1'));
    const final = await cycle.result();
    expect(final.phase).toBe('completed');
    if (process.env.CONVENE_RECORD_HISTORIES) {
      await recordHistory(cycle, 'preparation-cycle');
      const group = t.client.workflow.getHandle(workflowIds.workingGroup(input.editionKey, 'peacekeeping'));
      await recordHistory(group, 'working-group-input');
    }
    expect(final.documents.finalAgenda).toBeDefined();
    expect(final.documents.outcomeReport).toBeDefined();
    expect((await decision.describe()).status.name).toBe('RUNNING');

    // Next year's meeting, drafted after the outcome: edition 102, the same groups and chairs, the
    // meeting 52 weeks on in its own zone (the draft writes local times to the minute).
    const drafted = final.documents.nextCycleDraft as StoredDocument;
    expect(drafted).toMatchObject({ kind: 'next-cycle-draft', cycleId: workflowIds.cycle(input.editionKey) });
    const text = (await new DocumentStore(storeFor(t.settings), testKeyRing()).get(
      drafted.cycleId,
      drafted.kind,
    ))!;
    const spec = YAML.parse(text.markdown) as {
      edition: number;
      meeting: { start: string; timeZone: string };
      workingGroups: { chair: { email: string } }[];
    };
    expect(spec.edition).toBe(102);
    expect(spec.workingGroups.map((g) => g.chair.email)).toEqual(GROUPS.map((g) => g.chair));
    const zone = final.meeting.timeZone;
    expect(spec.meeting).toMatchObject({
      timeZone: zone,
      start: DateTime.fromISO(final.meeting.start, { zone })
        .plus({ weeks: 52 })
        .toFormat("yyyy-MM-dd'T'HH:mm"),
    });
  });

  const mail = await readOutbox(t.settings.mail.outboxDir);
  const chair = mailTo(mail, GROUPS[2].chair);
  expect(chair.map((m) => m.subject)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/call for inputs/i),
      expect.stringMatching(/accepted/i),
      expect.stringMatching(/invitation/i),
    ]),
  );
  // The cycle's and its groups' messages are one list for mail clients to file.
  expect(new Set(chair.map((m) => m.listId))).toEqual(new Set(['<hlm-101.example.org>']));
  const focal = mailTo(mail, 'focal.point@eu.example.org');
  const invitation = focal.find((m) => /invitation/i.test(m.subject));
  expect(invitation?.calendar).toMatch(/METHOD:REQUEST/);
  expect(invitation?.calendar).toMatch(/UID:hlm-101@convene/);
  expect(focal.some((m) => /outcome/i.test(m.subject))).toBe(true);
}, 120_000);
