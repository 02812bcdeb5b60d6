/**
 * Decisions in the browser. A focal point sees their organization's decisions, reports progress
 * and (for the lead) claims implementation with evidence links; a committee member verifies or
 * rejects a claim. Each POST is the CLI's Update (`convene decision report|claim|verify|reject`)
 * with the signed-in person as the actor; its validator decides, and its sentence is shown
 * beside the action.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isClosed, isOverdueAt, isOwed } from '../../domain/decision';
import type { DecisionView } from '../../domain/decision-record';
import {
  claimImplementedUpdate,
  rejectClaimUpdate,
  reportProgressUpdate,
  verifyUpdate,
} from '../../workflows/definitions/decision-tracking';
import { ClaimForm, ReportForm, VerdictForm } from '../action-forms';
import { councilPage, organizesSession } from '../council';
import { actsOn, decisionsOf, decisionView } from '../meetings';
import type { Person } from '../people';
import { act, refuse, show, STATUS_OF_REFUSAL, t, timeFor, type Outcome, type Portal } from '../pages';
import { randomToken } from '../tokens';
import { requireSignIn } from './sign-in';
import type { TypedApp } from './typed';

const DecisionParams = z.object({ workflowId: z.string().max(200) });
const DECISION_ACTIONS = ['report', 'claim', 'verify', 'reject'] as const;
type DecisionAction = (typeof DECISION_ACTIONS)[number];
/** After an action, the page says it was recorded. */
const DoneQuery = z.object({ done: z.enum(DECISION_ACTIONS).optional().catch(undefined) });
interface Refusal {
  action: DecisionAction;
  message: string;
}

export function registerDecisionRoutes(app: TypedApp, portal: Portal): void {
  app.get('/decisions', async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
    const person = request.person as Person;
    const { client, taskQueue } = portal.deps;
    const decisions = person.focalPointOf ? await decisionsOf(client, taskQueue, person.focalPointOf) : [];
    const now = Date.now();
    return show(reply, request, 'decisions', {
      organization: person.focalPointOf?.toUpperCase(),
      decisions: decisions.map((d) => ({ ...d, overdue: d.running && isOverdueAt(d, now) })),
      when: timeFor(request, portal.deps.committee.roster.homeTimeZone),
    });
  });

  const pageSchema = { schema: { params: DecisionParams, querystring: DoneQuery } };
  app.get('/decisions/:workflowId', pageSchema, async (request, reply) => {
    const view = await allowedDecision(portal, request, reply);
    if (!view) return reply;
    return showDecision(portal, request, reply, view, { done: request.query.done });
  });

  const post = <A extends DecisionAction>(
    action: A,
    body: z.ZodType,
    send: (view: DecisionView, as: string, form: never, request: FastifyRequest) => Promise<Outcome<unknown>>,
  ) =>
    app.post(
      `/decisions/:workflowId/${action}`,
      {
        schema: { params: DecisionParams, body },
        config: {
          onInvalid: (request, reply, message) => refusedForm(portal, request, reply, action, message),
        },
      },
      async (request, reply) => {
        const view = await allowedDecision(portal, request, reply);
        if (!view) return reply;
        const outcome = await send(view, (request.person as Person).email, request.body as never, request);
        if ('refusal' in outcome) {
          reply.code(STATUS_OF_REFUSAL[outcome.refusal.code]);
          return showDecision(portal, request, reply, view, { action, message: outcome.refusal.message });
        }
        return reply.redirect(`/decisions/${view.id}?done=${action}`, 303);
      },
    );

  post('report', ReportForm, (view, as, form: z.output<typeof ReportForm>, request) =>
    act(portal, request, view.id, reportProgressUpdate, { ...form, as }),
  );
  post('claim', ClaimForm, (view, as, form: z.output<typeof ClaimForm>, request) =>
    act(portal, request, view.id, claimImplementedUpdate, { ...form, as }),
  );
  post('verify', VerdictForm, (view, as, form: z.output<typeof VerdictForm>, request) =>
    act(portal, request, view.id, verifyUpdate, { ...form, as }),
  );
  post('reject', VerdictForm, (view, as, form: z.output<typeof VerdictForm>, request) =>
    act(portal, request, view.id, rejectClaimUpdate, { ...form, as }),
  );
}

/**
 * The decision, when the signed-in person may see it: a focal point of its lead or a responsible
 * organization, a committee member or an organizer (of the meetings, or of the Council session whose
 * request it is). Anyone else is refused here, before any Update.
 */
async function allowedDecision(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<DecisionView | undefined> {
  if (!requireSignIn(request, reply)) return undefined;
  const { workflowId } = request.params as z.infer<typeof DecisionParams>;
  const view = await decisionView(portal.deps.client, workflowId);
  if (!view) return refuse(reply, request, 404, t(request, 'decision.notFound'));
  const person = request.person as Person;
  const allowed =
    person.organizer ||
    person.committeeMember ||
    Boolean(actsOn(view, person.focalPointOf)) ||
    (await organizesItsSession(portal, view, person.email));
  if (!allowed) return refuse(reply, request, 403, t(request, 'decision.notYours', { email: person.email }));
  return view;
}

/** A Council request's decision is also its session's organizers' to read (their dashboard links it). */
async function organizesItsSession(portal: Portal, view: DecisionView, email: string): Promise<boolean> {
  if (!view.source?.session) return false;
  const session = await councilPage(portal.deps.client, view.source.session);
  return Boolean(session && organizesSession(session.status, email));
}

async function refusedForm(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
  action: DecisionAction,
  message: string,
) {
  const view = await allowedDecision(portal, request, reply);
  if (!view) return reply;
  return showDecision(portal, request, reply, view, { action, message });
}

function showDecision(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
  view: DecisionView,
  outcome: Partial<Refusal> & { done?: DecisionAction },
) {
  const person = request.person as Person;
  const role = actsOn(view, person.focalPointOf);
  const open = !isClosed(view.status);
  const awaiting = view.claims.find((c) => !c.outcome);
  return show(reply, request, 'decision', {
    view,
    when: timeFor(request, portal.deps.committee.roster.homeTimeZone),
    overdue: isOverdueAt(view, Date.now()),
    role,
    awaiting,
    canReport: Boolean(role) && open,
    canClaim: role === 'lead' && isOwed(view.status),
    canVerify: person.committeeMember && view.status === 'implementation-claimed' && Boolean(awaiting),
    refusal: outcome.action ? { action: outcome.action, message: outcome.message } : undefined,
    form: outcome.action ? request.typed : {},
    done: outcome.done,
    // A fresh id each time the form is shown: the same report sent twice is recorded once.
    formId: randomToken().slice(0, 32),
  });
}
