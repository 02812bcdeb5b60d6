/**
 * The standing committee's pages: the implementation picture (decisions by status, with lead,
 * overdue and years open), the claims awaiting verification with verify and reject, and the
 * ideas for the next meeting with a form to propose one (`convene committee idea`'s Update).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { carriedDecision, listDecisions } from '../../clients/decisions';
import { committeeIdeas, ensureCommittee } from '../../clients/committee';
import { DECISION_STATUSES, isOverdueAt } from '../../domain/decision';
import { proposeIdeaUpdate } from '../../workflows/definitions/standing-committee';
import { IdeaForm } from '../action-forms';
import { decisionView } from '../meetings';
import type { Person } from '../people';
import { act, refuse, show, STATUS_OF_REFUSAL, t, timeFor, type Portal } from '../pages';
import { randomToken } from '../tokens';
import { requireSignIn } from './sign-in';
import type { TypedApp } from './typed';

const DoneQuery = z.object({ done: z.literal('idea').optional().catch(undefined) });

export function registerCommitteeRoutes(app: TypedApp, portal: Portal): void {
  app.get('/committee', async (request, reply) => {
    if (!committeeOnly(request, reply)) return reply;
    return show(reply, request, 'committee', await picture(portal, request));
  });

  app.get('/committee/claims', async (request, reply) => {
    if (!committeeOnly(request, reply)) return reply;
    return show(reply, request, 'claims', await claims(portal, request));
  });

  app.get('/committee/ideas', { schema: { querystring: DoneQuery } }, async (request, reply) => {
    if (!committeeOnly(request, reply)) return reply;
    return showIdeas(portal, request, reply, { done: Boolean(request.query.done) });
  });

  app.post(
    '/committee/ideas',
    {
      schema: { body: IdeaForm },
      config: {
        onInvalid: (request, reply, message) =>
          committeeOnly(request, reply)
            ? showIdeas(portal, request, reply, { refusal: message })
            : Promise.resolve(reply),
      },
    },
    async (request, reply) => {
      if (!committeeOnly(request, reply)) return reply;
      const committee = { taskQueue: portal.deps.taskQueue, workflowId: portal.deps.committeeWorkflowId };
      await ensureCommittee(portal.deps.client, committee);
      const as = (request.person as Person).email;
      const outcome = await act(portal, request, committee.workflowId, proposeIdeaUpdate, {
        ...request.body,
        as,
      });
      if ('refusal' in outcome) {
        reply.code(STATUS_OF_REFUSAL[outcome.refusal.code]);
        return showIdeas(portal, request, reply, { refusal: outcome.refusal.message });
      }
      return reply.redirect('/committee/ideas?done=idea', 303);
    },
  );
}

/** Committee members and organizers only; anyone else is told so (sign-in first, if need be). */
function committeeOnly(request: FastifyRequest, reply: FastifyReply): boolean {
  if (!requireSignIn(request, reply)) return false;
  const person = request.person as Person;
  if (person.committeeMember || person.organizer) return true;
  void refuse(reply, request, 403, t(request, 'committee.notYours', { email: person.email }));
  return false;
}

/** Every decision of this deployment, grouped by status, each with its years open. */
async function picture(portal: Portal, request: FastifyRequest) {
  const { client, taskQueue } = portal.deps;
  const now = new Date().toISOString();
  const listings = await listDecisions(client, { taskQueue }, 500);
  const rows = await Promise.all(
    listings.map(async (d) => ({
      ...d,
      overdue: d.running && isOverdueAt(d, Date.parse(now)),
      yearsOpen: (await carriedDecision(client, d, { now })).yearsOpen,
    })),
  );
  const byStatus = DECISION_STATUSES.map((status) => ({
    status,
    rows: rows.filter((r) => r.status === status).sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
  })).filter((g) => g.rows.length > 0);
  return {
    byStatus,
    total: rows.length,
    overdue: rows.filter((r) => r.overdue).length,
    when: timeFor(request, portal.deps.committee.roster.homeTimeZone),
  };
}

/** The claims no one has verified or rejected yet, with their evidence, oldest first. */
async function claims(portal: Portal, request: FastifyRequest) {
  const { client, taskQueue } = portal.deps;
  const claimed = await listDecisions(client, { taskQueue, status: 'implementation-claimed' }, 200);
  const views = await Promise.all(claimed.map((d) => decisionView(client, d.id)));
  const person = request.person as Person;
  const awaiting = views.flatMap((view) => {
    const claim = view?.claims.find((c) => !c.outcome);
    return view && claim ? [{ view, claim, ownLead: person.memberOf === view.lead.id }] : [];
  });
  return {
    awaiting: awaiting.sort((a, b) => a.claim.at.localeCompare(b.claim.at)),
    canVerify: person.committeeMember,
    when: timeFor(request, portal.deps.committee.roster.homeTimeZone),
  };
}

async function showIdeas(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: { refusal?: string; done?: boolean },
) {
  const { client, taskQueue, committeeWorkflowId } = portal.deps;
  const ideas = await committeeIdeas(client, { taskQueue, workflowId: committeeWorkflowId });
  const person = request.person as Person;
  return show(reply, request, 'ideas', {
    ideas: [...ideas].reverse(),
    canPropose: person.committeeMember,
    refusal: outcome.refusal ? { action: 'idea', message: outcome.refusal } : undefined,
    form: outcome.refusal ? request.typed : {},
    done: outcome.done,
    formId: randomToken().slice(0, 32),
    when: timeFor(request, portal.deps.committee.roster.homeTimeZone),
  });
}
