/**
 * The cycles a focal point's organization takes part in, and each cycle's documents (read from the
 * store): the draft agenda with the comment form during the comment period, then the final agenda
 * (the invitation's link) and the outcome report (the report mail's). The comment goes through the CLI's
 * Update (`convene agenda comment`) with the signed-in person as the actor.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { commentOnAgendaUpdate } from '../../workflows/definitions/preparation-cycle';
import { CommentForm } from '../action-forms';
import { cycleDocument, cyclePage, cyclesOf, organizesCycle, takesPart, type CyclePage } from '../meetings';
import type { Person } from '../people';
import { act, refuse, show, STATUS_OF_REFUSAL, t, timeFor, type Portal } from '../pages';
import { requireSignIn } from './sign-in';
import type { TypedApp } from './typed';

const CycleParams = z.object({ workflowId: z.string().max(200) });
const DoneQuery = z.object({ done: z.literal('comment').optional().catch(undefined) });

export function registerCycleRoutes(app: TypedApp, portal: Portal): void {
  app.get('/cycles', async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
    const person = request.person as Person;
    const { client, taskQueue } = portal.deps;
    const cycles =
      person.focalPointOf || person.organizer
        ? await cyclesOf(client, taskQueue, person.focalPointOf, person.organizer)
        : [];
    return show(reply, request, 'cycles', {
      cycles: cycles.map((c) => ({ ...c, when: timeFor(request, c.status.meeting.timeZone) })),
    });
  });

  const pageSchema = { schema: { params: CycleParams, querystring: DoneQuery } };
  app.get('/cycles/:workflowId', pageSchema, async (request, reply) => {
    const cycle = await allowedCycle(portal, request, reply);
    if (!cycle) return reply;
    return showCycle(portal, request, reply, cycle, { done: Boolean(request.query.done) });
  });

  app.post(
    '/cycles/:workflowId/comment',
    {
      schema: { params: CycleParams, body: CommentForm },
      config: {
        onInvalid: async (request, reply, message) => {
          const cycle = await allowedCycle(portal, request, reply);
          return cycle ? showCycle(portal, request, reply, cycle, { refusal: message }) : reply;
        },
      },
    },
    async (request, reply) => {
      const cycle = await allowedCycle(portal, request, reply);
      if (!cycle) return reply;
      const as = (request.person as Person).email;
      const outcome = await act(portal, request, cycle.workflowId, commentOnAgendaUpdate, {
        ...request.body,
        as,
      });
      if ('refusal' in outcome) {
        reply.code(STATUS_OF_REFUSAL[outcome.refusal.code]);
        return showCycle(portal, request, reply, cycle, { refusal: outcome.refusal.message });
      }
      return reply.redirect(`/cycles/${cycle.workflowId}?done=comment`, 303);
    },
  );
}

/** The cycle, for a focal point of a participating organization or an organizer; else why not. */
async function allowedCycle(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<CyclePage | undefined> {
  if (!requireSignIn(request, reply)) return undefined;
  const { workflowId } = request.params as z.infer<typeof CycleParams>;
  const cycle = await cyclePage(portal.deps.client, workflowId);
  if (!cycle) return refuse(reply, request, 404, t(request, 'cycle.notFound'));
  const person = request.person as Person;
  if (!person.organizer && !organizesCycle(cycle, person.email) && !takesPart(cycle, person.focalPointOf)) {
    return refuse(reply, request, 403, t(request, 'cycle.notYours', { email: person.email }));
  }
  return cycle;
}

async function showCycle(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
  cycle: CyclePage,
  outcome: { refusal?: string; done?: boolean },
) {
  const person = request.person as Person;
  const { status } = cycle;
  const commentDeadline = status.milestones.find((m) => m.name === 'commentPeriodEnd')?.at;
  const { documents } = portal.deps;
  // Once approved, the final agenda is the one to read; the outcome report follows the meeting.
  const finalAgenda = await cycleDocument(documents, cycle, 'final-agenda');
  const agenda = finalAgenda ?? (await cycleDocument(documents, cycle, 'draft-agenda'));
  const report = await cycleDocument(documents, cycle, 'outcome-report');
  // Focal points see their own organization's comments; organizers see every one.
  const comments = status.comments.filter((c) => person.organizer || c.organization === person.focalPointOf);
  return show(reply, request, 'cycle', {
    cycle,
    when: timeFor(request, status.meeting.timeZone),
    commentDeadline,
    agenda,
    agendaIsFinal: Boolean(finalAgenda),
    report,
    comments,
    canComment: status.phase === 'agenda-comment' && Boolean(agenda),
    refusal: outcome.refusal ? { action: 'comment', message: outcome.refusal } : undefined,
    form: outcome.refusal ? request.typed : {},
    done: outcome.done,
  });
}
