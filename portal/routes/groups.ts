/**
 * A working group's pages: the chair's (the call, the form, versions, extension, receipt) and the
 * organizer's (review, deciding an extension). Each POST is parse → who acts (the session) → the
 * group's Update (the CLI's, with its validator) → a page; a refusal is shown beside the action.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sameAddress } from '../../domain/people';
import type { RejectionCode } from '../../domain/rejection';
import type { UploadedFile } from '../../domain/uploads';
import {
  decideExtensionUpdate,
  requestExtensionUpdate,
  reviewInputUpdate,
  submitInputUpdate,
} from '../../workflows/definitions/working-group-input';
import {
  AGENDA_ROWS,
  DecideExtensionForm,
  ExtensionForm,
  formFromInput,
  inputFromForm,
  PAPER_ROWS,
  RECOMMENDATION_ROWS,
  ReviewForm,
  SubmitForm,
} from '../forms';
import { councilSessionsOf } from '../council';
import { editionOfGroup, groupPage, groupsOf, submitterOf, type GroupPage } from '../groups';
import { carriesFiles, keptIn, keptOf, papersFromForm, uploadLabels } from '../papers';
import type { Person } from '../people';
import { act, show, STATUS_OF_REFUSAL, t, timeFor as timeIn, type Outcome, type Portal } from '../pages';
import { requireSignIn } from './sign-in';
import type { TypedApp } from './typed';

const GroupParams = z.object({ workflowId: z.string().max(200) });
const ReceiptParams = GroupParams.extend({ version: z.coerce.number().int().positive() });
const ReceiptQuery = z.object({ duplicate: z.string().optional() });

type Action = 'submit' | 'review' | 'extension' | 'decide';
interface Refusal {
  action: Action;
  message: string;
}

export function registerGroupRoutes(app: TypedApp, portal: Portal): void {
  app.get('/', async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
    const person = request.person as Person;
    const { client, taskQueue } = portal.deps;
    const groups = await groupsOf(client, taskQueue, person.email, person.organizer);
    const councils = await councilSessionsOf(client, taskQueue, person.email);
    return show(reply, request, 'home', {
      mine: groups.filter((g) => submitterOf(g.view, person.email)),
      toReview: person.organizer ? groups.filter((g) => g.view.status === 'under-review') : undefined,
      briefings: councils.filter((c) => c.briefer),
      organizing: councils.filter((c) => c.organizes),
    });
  });

  app.get('/groups/:workflowId', { schema: { params: GroupParams } }, async (request, reply) => {
    const group = await allowedGroup(portal, request, reply);
    if (!group) return reply;
    return showGroup(request, reply, group, {});
  });

  const receiptSchema = { schema: { params: ReceiptParams, querystring: ReceiptQuery } };
  app.get('/groups/:workflowId/receipts/:version', receiptSchema, async (request, reply) => {
    const group = await allowedGroup(portal, request, reply);
    if (!group) return reply;
    const { version } = request.params;
    const submission = group.view.submissions.find((s) => s.version === version);
    if (!submission) return notFound(request, reply);
    const when = timeFor(request, group);
    return show(reply, request, 'receipt', {
      group,
      text: t(request, 'receipt.body', {
        group: group.view.title,
        version,
        at: when(submission.receivedAt),
        timeliness: t(request, submission.late ? 'group.late' : 'group.onTime'),
        deadline: when(group.view.deadline),
      }),
      duplicate: request.query.duplicate === '1',
    });
  });

  const submitSchema = { schema: { params: GroupParams, body: SubmitForm } };
  app.post('/groups/:workflowId/submit', submitSchema, async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
    const { workflowId } = request.params;
    // The Update's validator decides who may submit. The group is read first only when it must be:
    // an id that is no group's, or papers to store before the Update (only for whom may act on it).
    // Otherwise a read would wait behind every Update in flight on the group.
    let group: GroupPage | undefined;
    if (!editionOfGroup(workflowId) || carriesFiles(request)) {
      group = await allowedGroup(portal, request, reply);
      if (!group) return reply;
    }
    const form = request.body as Record<string, string>;
    const papers = await papersFromForm(portal, request, workflowId, form);
    const outcome =
      papers.refusal !== undefined
        ? { refusal: { code: 'invalid-payload' as const, message: papers.refusal } }
        : await actOnGroup(portal, request, workflowId, submitInputUpdate, {
            as: (request.person as Person).email,
            input: inputFromForm(form, papers.files),
          });
    if (!('result' in outcome)) {
      group ??= await allowedGroup(portal, request, reply); // not found, or not theirs: said here
      if (!group) return reply;
      if ('missing' in outcome) throw outcome.missing; // closed since it was read: as any failure
      const { code, message } = outcome.refusal;
      const kept = keptOf(papers.files);
      return showGroup(request, reply, group, { refusal: { action: 'submit', message }, code, form, kept });
    }
    const receipt = outcome.result;
    return reply.redirect(
      `/groups/${workflowId}/receipts/${receipt.version}${receipt.duplicate ? '?duplicate=1' : ''}`,
      303,
    );
  });

  const reviewSchema = {
    schema: { params: GroupParams, body: ReviewForm },
    config: {
      // A review without its version or decision is refused beside the review form.
      onInvalid: async (request: FastifyRequest, reply: FastifyReply, message: string) => {
        const group = await allowedGroup(portal, request, reply);
        if (!group) return reply;
        const refusal = { action: 'review' as const, message };
        return showGroup(request, reply.code(422), group, { refusal });
      },
    },
  };
  app.post('/groups/:workflowId/review', reviewSchema, async (request, reply) => {
    const group = await allowedGroup(portal, request, reply);
    if (!group) return reply;
    const as = (request.person as Person).email;
    const { version, decision, comments } = request.body;
    const outcome = await act(
      portal,
      request,
      group.workflowId,
      reviewInputUpdate,
      decision === 'accept' ? { as, decision, version } : { as, decision, version, comments },
    );
    return afterAction(request, reply, group, 'review', outcome);
  });

  const extensionSchema = { schema: { params: GroupParams, body: ExtensionForm } };
  app.post('/groups/:workflowId/extension', extensionSchema, async (request, reply) => {
    const group = await allowedGroup(portal, request, reply);
    if (!group) return reply;
    const form = request.body;
    const outcome = await act(portal, request, group.workflowId, requestExtensionUpdate, {
      as: (request.person as Person).email,
      until: form.until,
      reason: form.reason,
    });
    return afterAction(request, reply, group, 'extension', outcome);
  });

  const decideSchema = { schema: { params: GroupParams, body: DecideExtensionForm } };
  app.post('/groups/:workflowId/extension-decision', decideSchema, async (request, reply) => {
    const group = await allowedGroup(portal, request, reply);
    if (!group) return reply;
    const grant = request.body.grant === 'yes';
    const reason = request.body.reason.trim() ? request.body.reason : undefined;
    const outcome = await act(portal, request, group.workflowId, decideExtensionUpdate, {
      as: (request.person as Person).email,
      grant,
      reason,
    });
    return afterAction(request, reply, group, 'decide', outcome);
  });
}

/** The group, when the signed-in person is its chair or an organizer; else the page that says why not. */
export async function allowedGroup(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<GroupPage | undefined> {
  if (!requireSignIn(request, reply)) return undefined;
  const { workflowId } = request.params as z.infer<typeof GroupParams>;
  const group = await groupPage(portal.deps.client, workflowId);
  if (!group) {
    // The caller returns `reply`, so the page must be sent here, not only rendered.
    reply.send(await notFound(request, reply, t(request, 'group.notFound')));
    return undefined;
  }
  const person = request.person as Person;
  if (!person.organizer && !submitterOf(group.view, person.email)) {
    // The same answer as for a group that does not exist would hide nothing worth hiding (the
    // ids are in every mail); what must not leak is the input, and this page shows none of it.
    const html = await show(reply.code(403), request, 'message', {
      title: t(request, 'group.notYours', { email: person.email }),
      text: t(request, 'group.notYours', { email: person.email }),
    });
    reply.send(html);
    return undefined;
  }
  return group;
}

/** `act`, where a group that is not there (any more) is an outcome the page then explains. */
async function actOnGroup<R, A>(
  portal: Portal,
  request: FastifyRequest,
  workflowId: string,
  update: UpdateDefinition<R, [A]>,
  arg: A,
): Promise<Outcome<R> | { missing: Error }> {
  try {
    return await act(portal, request, workflowId, update, arg);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { missing: err };
    throw err;
  }
}

async function afterAction<R>(
  request: FastifyRequest,
  reply: FastifyReply,
  group: GroupPage,
  action: Action,
  outcome: Outcome<R>,
) {
  if ('refusal' in outcome)
    return showGroup(request, reply, group, {
      refusal: { action, message: outcome.refusal.message },
      code: outcome.refusal.code,
    });
  return reply.redirect(`/groups/${group.workflowId}`, 303);
}

/** Times in the viewer's zone and the meeting's. */
function timeFor(request: FastifyRequest, group: GroupPage) {
  return timeIn(request, group.view.meetingZone);
}

async function showGroup(
  request: FastifyRequest,
  reply: FastifyReply,
  group: GroupPage,
  extra: {
    refusal?: Refusal;
    form?: Record<string, string>;
    code?: RejectionCode;
    /** The uploaded papers the form keeps, by row. */
    kept?: Record<number, UploadedFile>;
  },
) {
  const person = request.person as Person;
  const { view } = group;
  // Chair and delegates submit; only the chair asks for more time (the validators say so too).
  const isChair = sameAddress(view.chair, person.email);
  const submits = Boolean(submitterOf(view, person.email));
  const latest = view.submissions.at(-1);
  const pendingExtension = view.extensions.find((e) => !e.decision);
  const open = !['accepted', 'closed', 'cancelled'].includes(view.status);
  if (extra.refusal) reply.code(STATUS_OF_REFUSAL[extra.code ?? 'invalid-payload']);
  return show(reply, request, 'group', {
    group,
    when: timeFor(request, group),
    latest,
    pendingExtension,
    canSubmit: submits && open,
    canAskExtension: isChair && open && !latest && !pendingExtension,
    canReview: person.organizer && view.status === 'under-review' && latest,
    canDecide: person.organizer && pendingExtension,
    form: extra.form ?? formFromInput(latest?.input),
    kept: extra.kept ?? keptIn(latest?.input.attachments),
    ...uploadLabels(request),
    rows: { agenda: AGENDA_ROWS, recommendations: RECOMMENDATION_ROWS, papers: PAPER_ROWS },
    refusal: extra.refusal,
  });
}

function notFound(request: FastifyRequest, reply: FastifyReply, text = t(request, 'error.notFound')) {
  return show(reply.code(404), request, 'message', { title: t(request, 'error.notFound'), text });
}
