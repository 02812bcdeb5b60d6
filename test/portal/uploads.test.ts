/**
 * Background papers uploaded on the chair's form, against the real server, worker and store: the
 * type is read from the content (an executable renamed .pdf and a bare zip renamed .docx are
 * refused, and so is a file past 20 MB), the bytes are kept sealed with their sha256, the input
 * carries id, name, type, size and sha256, and the draft agenda lists the papers. Only those who
 * may see the input download them.
 */
import { createHash } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import { loadKeys } from '../../workers/connect';
import { workflowIds } from '../../domain/ids';
import { DOCX, ODT, PDF } from '../../domain/uploads';
import { DocumentStore } from '../../store/documents';
import { storeFor } from '../../store/store';
import { groupStatusQuery } from '../../workflows/definitions/working-group-input';
import { compressedCycle, GROUPS, ORGANIZER, startCycle, type CompressedTimeline } from '../helpers/cycle';
import { eventually } from '../helpers/eventually';
import { mailTo, readOutbox } from '../helpers/outbox';
import { docxSaying, executable, odtSaying, oversizePdf, pdfSaying, plainZip } from '../helpers/papers';
import { startTestPortal, Visitor, type TestPortal } from '../helpers/portal';

/** Inputs due a minute after the start, so that the draft agenda follows within the file. */
const TIMELINE: CompressedTimeline = {
  meetingIn: 150,
  meetingLasts: 4,
  callForInputs: 149,
  inputDeadline: 80,
  consolidationEnd: 75,
  commentPeriodEnd: 60,
  invitations: 55,
  outcomeReportDue: 30,
  reminders: [100],
  graceSeconds: 2,
};

jest.setTimeout(180_000);

const peacekeeping = GROUPS[2];
const peacemaking = GROUPS[1];
let p: TestPortal;
let worker: Worker;
let running: Promise<void>;
let edition: string;
const groupId = (group: string) => workflowIds.workingGroup(edition, group);
const groupPath = (group: string) => `/groups/${groupId(group)}`;

const FORM = {
  summary: 'The peacekeeping group proposes an item on transitions, with its background papers.',
  item1Title: 'Transitions from peacekeeping',
  item1Description: 'Lessons from handovers between UN and AU missions.',
  item1Area: 'peacekeeping',
  item1Duration: '45',
};
const HANDOVER_PDF = pdfSaying('Handover lessons, ref PK-UPLOAD-4471');
const FUNDING_DOCX = docxSaying('Funding of transitions, ref PK-UPLOAD-4472');

beforeAll(async () => {
  p = await startTestPortal();
  worker = await p.t.createWorker();
  running = worker.run();
  const input = compressedCycle(p.t.settings, 614, TIMELINE);
  edition = input.editionKey;
  await startCycle(p.t, input);
  await eventually(
    async () => mailTo(await readOutbox(p.t.settings.mail.outboxDir), peacemaking.chair).length > 0,
    { timeout: 60_000, what: 'the calls for inputs' },
  );
}, 90_000);

afterAll(async () => {
  await p.t.client.workflow
    .getHandle(workflowIds.cycle(edition))
    .terminate('test over')
    .catch(() => undefined);
  worker.shutdown();
  await running;
  await p.close();
});

async function signIn(email: string, next = '/'): Promise<Visitor> {
  const visitor = new Visitor(p.url);
  const link = await p.requestSignInLink(visitor, email, next);
  expect((await visitor.signInWith(link)).status).toBe(303);
  return visitor;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const refusalOf = (html: string) => /class="refusal"[^>]*>([^<]*)/.exec(html)?.[1];

/** Focal points of an organization that takes part in the cycle, and of one that does not. */
const FOCAL_AU = 'focal.point@au.example.org';
const FOCAL_LAS = 'focal.point@las.example.org';

test('a chair uploads a PDF and a DOCX; the input carries id, name, type, size and sha256, and the bytes come back', async () => {
  const chair = await signIn(peacekeeping.chair, groupPath(peacekeeping.id));
  await chair.get(groupPath(peacekeeping.id));
  const submitted = await chair.postMultipart(
    `${groupPath(peacekeeping.id)}/submit`,
    { ...FORM, paper1Title: 'Handover lessons' },
    {
      paper1File: { name: 'handover.pdf', content: HANDOVER_PDF, type: 'application/pdf' },
      // The browser's guess of the type counts for nothing: the content says DOCX.
      paper2File: { name: 'funding.docx', content: FUNDING_DOCX, type: 'application/octet-stream' },
    },
  );
  expect([submitted.status, refusalOf(submitted.html)]).toEqual([303, undefined]);
  expect((await chair.get(submitted.location ?? '')).html).toContain('Received: Peacekeeping, version 1');

  const view = await p.t.client.workflow.getHandle(groupId(peacekeeping.id)).query(groupStatusQuery);
  const [handover, funding] = view.submissions[0]?.input.attachments ?? [];
  expect(handover?.file?.id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  expect(handover?.ref).toBe(`${p.url}${groupPath(peacekeeping.id)}/files/${handover?.file?.id}`);
  expect(handover).toEqual({
    title: 'Handover lessons',
    ref: handover?.ref,
    file: {
      id: handover?.file?.id,
      name: 'handover.pdf',
      type: PDF,
      size: HANDOVER_PDF.length,
      sha256: sha256(HANDOVER_PDF),
    },
  });
  expect(funding).toMatchObject({
    title: 'funding.docx',
    file: { type: DOCX, sha256: sha256(FUNDING_DOCX) },
  });

  // The group page lists them with a download link; the download is the bytes as uploaded.
  const page = await chair.get(groupPath(peacekeeping.id));
  expect(page.html).toContain(sha256(HANDOVER_PDF));
  const download = await chair.get(new URL(handover!.ref).pathname);
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toBe(PDF);
  expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''handover.pdf");
  const bytes = Buffer.from(
    await (await fetch(new URL(handover!.ref), { headers: cookieOf(chair) })).arrayBuffer(),
  );
  expect(bytes.equals(HANDOVER_PDF)).toBe(true);
  // Unpublished, the paper is the group's and the organizers' only: a participant's focal point is refused.
  const focal = await signIn(FOCAL_AU);
  expect((await focal.get(new URL(handover!.ref).pathname)).status).toBe(403);

  // The store holds the bytes sealed: the reference inside the PDF is nowhere in clear.
  const rows = await p.store.query<{ content: Buffer; name: string }>(
    'select content, name from portal_uploads',
  );
  expect(rows.length).toBeGreaterThanOrEqual(2);
  for (const row of rows) {
    expect(row.content.toString('latin1')).not.toContain('PK-UPLOAD-447');
    expect(row.name).not.toContain('handover');
  }

  // Another group's chair may not download it; the organizer may.
  const other = await signIn(peacemaking.chair);
  expect((await other.get(new URL(handover!.ref).pathname)).status).toBe(403);
  const organizer = await signIn(ORGANIZER);
  expect((await organizer.get(new URL(handover!.ref).pathname)).status).toBe(200);
  // A file id of this group under another group's path is not found there.
  const elsewhere = new URL(handover!.ref).pathname.replace(peacekeeping.id, peacemaking.id);
  expect((await organizer.get(elsewhere)).status).toBe(404);
});

test('a revision keeps an uploaded paper by id, replaces or removes one, and takes an ODT', async () => {
  const chair = await signIn(peacekeeping.chair, groupPath(peacekeeping.id));
  const page = await chair.get(groupPath(peacekeeping.id));
  const kept = [...page.html.matchAll(/name="paper(\d)Kept" value="([^"]+)"/g)].map((m) => [m[1], m[2]]);
  expect(kept).toHaveLength(2);
  const odt = odtSaying('Transitions, revised');
  const revised = await chair.postMultipart(
    `${groupPath(peacekeeping.id)}/submit`,
    { ...FORM, paper1Title: 'Handover lessons', paper1Kept: kept[0]![1]!, paper2Kept: kept[1]![1]! },
    { paper2File: { name: 'transitions.odt', content: odt } },
  );
  expect([revised.status, refusalOf(revised.html)]).toEqual([303, undefined]);
  const view = await p.t.client.workflow.getHandle(groupId(peacekeeping.id)).query(groupStatusQuery);
  const files = view.submissions.at(-1)?.input.attachments.map((a) => a.file);
  expect(files?.map((f) => [f?.name, f?.type])).toEqual([
    ['handover.pdf', PDF],
    ['transitions.odt', ODT],
  ]);
  expect(files?.[0]?.id).toBe(kept[0]![1]);

  await chair.get(groupPath(peacekeeping.id));
  const dropped = await chair.postMultipart(
    `${groupPath(peacekeeping.id)}/submit`,
    {
      ...FORM,
      paper1Title: 'Handover lessons',
      paper1Kept: kept[0]![1]!,
      paper2Kept: files![1]!.id,
      paper2Drop: '1',
    },
    {},
  );
  expect(dropped.status).toBe(303);
  const after = await p.t.client.workflow.getHandle(groupId(peacekeeping.id)).query(groupStatusQuery);
  expect(after.submissions.at(-1)?.input.attachments.map((a) => a.file?.name)).toEqual(['handover.pdf']);
});

test('an executable renamed .pdf, a bare zip renamed .docx and a file past 20 MB are refused, naming the field and the rule', async () => {
  const chair = await signIn(peacemaking.chair, groupPath(peacemaking.id));
  const path = `${groupPath(peacemaking.id)}/submit`;
  const tries = [
    { name: 'setup.pdf', content: executable(), rule: 'must be a PDF, DOCX or ODT document' },
    { name: 'notes.docx', content: plainZip(), rule: 'must be a PDF, DOCX or ODT document' },
    { name: 'huge.pdf', content: oversizePdf(), rule: 'must be at most 20 MB' },
  ];
  for (const attempt of tries) {
    await chair.get(groupPath(peacemaking.id));
    const refused = await chair.postMultipart(path, FORM, {
      paper1File: { name: attempt.name, content: attempt.content, type: 'application/pdf' },
    });
    expect([refused.status, refusalOf(refused.html)]).toEqual([
      422,
      expect.stringContaining(`Background paper 1, file (${attempt.name}): ${attempt.rule}`),
    ]);
    expect(refused.html).toContain(FORM.summary); // what was typed is kept
  }
  const view = await p.t.client.workflow.getHandle(groupId(peacemaking.id)).query(groupStatusQuery);
  expect(view.submissions).toHaveLength(0);
  const stored = await p.store.query<{ group_workflow_id: string }>(
    'select group_workflow_id from portal_uploads where group_workflow_id = $1',
    [groupId(peacemaking.id)],
  );
  expect(stored).toHaveLength(0);
});

test('a file id of another group cannot be kept on this group’s input', async () => {
  const [row] = await p.store.query<{ id: string }>(
    'select id from portal_uploads where group_workflow_id = $1 limit 1',
    [groupId(peacekeeping.id)],
  );
  const chair = await signIn(peacemaking.chair, groupPath(peacemaking.id));
  await chair.get(groupPath(peacemaking.id));
  const refused = await chair.postMultipart(
    `${groupPath(peacemaking.id)}/submit`,
    { ...FORM, paper1Kept: row!.id },
    {},
  );
  expect([refused.status, refusalOf(refused.html)]).toEqual([
    422,
    expect.stringContaining(
      'Background paper 1, file: the file kept from an earlier version is not in the store',
    ),
  ]);
});

test('the draft agenda lists the papers of the inputs on it, with name, type, size and sha256', async () => {
  const documents = new DocumentStore(storeFor(p.t.settings), loadKeys(p.t.settings));
  const cycleId = workflowIds.cycle(edition);
  const draft = await eventually(() => documents.get(cycleId, 'draft-agenda'), {
    timeout: 150_000,
    what: 'the draft agenda in the store',
  });
  expect(draft.markdown).toContain('Background papers');
  // The latest version of the input is the one on the agenda: its one paper, not the removed ODT.
  expect(draft.markdown).toContain(
    `Handover lessons (Peacekeeping): handover.pdf, PDF, 1 kB, sha256 ${sha256(HANDOVER_PDF)} — ${p.url}${groupPath(peacekeeping.id)}/files/`,
  );
  expect(draft.markdown).not.toContain('transitions.odt');

  // Listed on the draft agenda, the paper is published: a participant's focal point downloads it;
  // the ODT the chair removed before the agenda was written stays the group's.
  const view = await p.t.client.workflow.getHandle(groupId(peacekeeping.id)).query(groupStatusQuery);
  const papers = view.submissions.flatMap((s) => s.input.attachments.flatMap((a) => a.file ?? []));
  const handover = papers.find((f) => f.name === 'handover.pdf')!;
  const removed = papers.find((f) => f.name === 'transitions.odt')!;
  const focal = await signIn(FOCAL_AU);
  const download = await focal.get(`${groupPath(peacekeeping.id)}/files/${handover.id}`);
  expect([download.status, download.headers.get('x-content-sha256')]).toEqual([200, sha256(HANDOVER_PDF)]);
  expect((await focal.get(`${groupPath(peacekeeping.id)}/files/${removed.id}`)).status).toBe(403);
  // An organization that does not take part sees none of it.
  const outsider = await signIn(FOCAL_LAS);
  expect((await outsider.get(`${groupPath(peacekeeping.id)}/files/${handover.id}`)).status).toBe(403);
});

function cookieOf(visitor: Visitor): Record<string, string> {
  return { cookie: [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
}
