/**
 * A Security Council session with regional organizations in the browser. A briefer reads the
 * invitation (the meeting in their zone and New York's, the basis, the concept note) and confirms
 * or declines; the Council affairs organizers follow the session on its dashboard and send the
 * invitations, freeze the list of speakers or move the session. Each POST is the CLI's Update
 * (`convene council confirm|decline|invite|freeze|move`) with the signed-in person as the actor; its validator decides,
 * and its sentence is shown beside the action. Who may see which page comes from the session's
 * own status: its organizers (from the trusted file it was started with) and its invited briefers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { PartnerStatus } from '../../domain/council-session';
import { formatTime } from '../../i18n/dates';
import { CalendarError } from '../../calendar/errors';
import { sentence } from '../../clients/sentences';
import { meetingTime } from '../../calendar/zones';
import {
  answerUpdate,
  freezeSpeakersUpdate,
  inviteUpdate,
  moveSessionUpdate,
} from '../../workflows/definitions/council-session';
import { AnswerForm, FreezeForm, InviteForm, MoveForm } from '../action-forms';
import { brieferOf, conceptNoteDocument, councilPage, organizesSession, type CouncilPage } from '../council';
import { translatorFor } from '../labels';
import { decisionView } from '../meetings';
import type { Person } from '../people';
import { act, languageOf, refuse, show, STATUS_OF_REFUSAL, t, type Outcome, type Portal } from '../pages';
import { requireSignIn } from './sign-in';
import type { TypedApp } from './typed';

const SessionParams = z.object({ workflowId: z.string().max(200) });
const ACTIONS = ['answer', 'invite', 'freeze', 'move'] as const;
type CouncilAction = (typeof ACTIONS)[number];
const DoneQuery = z.object({ done: z.enum(ACTIONS).optional().catch(undefined) });
/** The phases in which a briefer's answer is taken (the validator says so too). */
const ANSWERING = ['invitations'];

interface Shown {
  action?: CouncilAction;
  message?: string;
  done?: CouncilAction;
}

export function registerCouncilRoutes(app: TypedApp, portal: Portal): void {
  const pageSchema = { schema: { params: SessionParams, querystring: DoneQuery } };

  app.get('/council/:workflowId/briefing', pageSchema, async (request, reply) => {
    const found = await sessionFor(portal, request, reply, 'briefer');
    if (!found) return reply;
    return showBriefing(portal, request, reply, found, { done: request.query.done });
  });

  app.get(
    '/council/:workflowId/concept-note',
    { schema: { params: SessionParams } },
    async (request, reply) => {
      const found = await sessionFor(portal, request, reply, 'either');
      if (!found) return reply;
      const note = await conceptNoteDocument(portal.deps.documents, found.page);
      if (!note) return refuse(reply, request, 404, t(request, 'council.noConceptNote'));
      return show(reply, request, 'council-note', { page: found.page, note, when: timeOf(request, found) });
    },
  );

  app.get('/council/:workflowId', pageSchema, async (request, reply) => {
    const found = await sessionFor(portal, request, reply, 'organizer');
    if (!found) return reply;
    return showDashboard(portal, request, reply, found, { done: request.query.done });
  });

  app.post(
    '/council/:workflowId/answer',
    {
      schema: { params: SessionParams, body: AnswerForm },
      config: { onInvalid: (request, reply, message) => refused(portal, request, reply, 'answer', message) },
    },
    async (request, reply) => {
      const found = await sessionFor(portal, request, reply, 'briefer');
      if (!found) return reply;
      const outcome = await act(portal, request, found.page.workflowId, answerUpdate, {
        ...request.body,
        as: (request.person as Person).email,
        organization: found.briefer!.organization,
      });
      return after(portal, request, reply, found, 'answer', outcome);
    },
  );

  const organizerAction = (action: 'invite' | 'freeze', body: typeof InviteForm | typeof FreezeForm) =>
    app.post(
      `/council/:workflowId/${action}`,
      {
        schema: { params: SessionParams, body },
        config: { onInvalid: (request, reply, message) => refused(portal, request, reply, action, message) },
      },
      async (request, reply) => {
        const found = await sessionFor(portal, request, reply, 'organizer');
        if (!found) return reply;
        const as = (request.person as Person).email;
        const update = action === 'invite' ? inviteUpdate : freezeSpeakersUpdate;
        const outcome = await act<unknown, { as: string }>(portal, request, found.page.workflowId, update, {
          as,
        });
        return after(portal, request, reply, found, action, outcome);
      },
    );
  organizerAction('invite', InviteForm);
  organizerAction('freeze', FreezeForm);

  app.post(
    '/council/:workflowId/move',
    {
      schema: { params: SessionParams, body: MoveForm },
      config: { onInvalid: (request, reply, message) => refused(portal, request, reply, 'move', message) },
    },
    async (request, reply) => {
      const found = await sessionFor(portal, request, reply, 'organizer');
      if (!found) return reply;
      const zone = found.page.status.meeting.timeZone;
      let start: string, end: string;
      try {
        // The wall clock of the meeting's zone, as the CLI reads --start and --end.
        [start, end] = [request.body.start, request.body.end].map((v, i) =>
          new Date(meetingTime(v, zone, i ? 'end' : 'start')).toISOString(),
        ) as [string, string];
      } catch (err) {
        if (!(err instanceof CalendarError)) throw err;
        const said = sentence(err.key, err.values, translatorFor(languageOf(request)));
        return refused(portal, request, reply.code(422), 'move', said);
      }
      const as = (request.person as Person).email;
      const outcome = await act(portal, request, found.page.workflowId, moveSessionUpdate, {
        as,
        start,
        end,
        reason: request.body.reason,
      });
      return after(portal, request, reply, found, 'move', outcome);
    },
  );
}

interface Found {
  page: CouncilPage;
  /** The signed-in person's own invitation, when they brief. */
  briefer?: PartnerStatus;
}

/**
 * The session, when the signed-in person may see this page of it: its briefers the briefing (an
 * organizer is sent on to the dashboard), its organizers the dashboard; anyone else is refused
 * here, before any Update.
 */
async function sessionFor(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
  page: 'briefer' | 'organizer' | 'either',
): Promise<Found | undefined> {
  if (!requireSignIn(request, reply)) return undefined;
  const { workflowId } = request.params as z.infer<typeof SessionParams>;
  const found = await councilPage(portal.deps.client, workflowId);
  if (!found) return refuse(reply, request, 404, t(request, 'council.notFound'));
  const email = (request.person as Person).email;
  const organizes = organizesSession(found.status, email);
  const briefer = brieferOf(found.status, email);
  const allowed = page === 'briefer' ? briefer : page === 'organizer' ? organizes : briefer || organizes;
  if (page === 'briefer' && !briefer && organizes && request.method === 'GET') {
    void reply.redirect(`/council/${workflowId}`, 303);
    return undefined;
  }
  if (!allowed) {
    const key = page === 'organizer' ? 'council.onlyOrganizers' : 'council.notInvited';
    return refuse(reply, request, 403, t(request, key, { email }));
  }
  return { page: found, ...(briefer ? { briefer } : {}) };
}

/** Times in the reader's zone (a briefer's own, as the session knows it) and the meeting's. */
function timeOf(request: FastifyRequest, found: Found) {
  const reader = translatorFor(languageOf(request));
  const meetingZone = found.page.status.meeting.timeZone;
  const zone = found.briefer?.briefer.timeZone ?? request.person?.timeZone ?? meetingZone;
  return (instant: string) => formatTime(reader, instant, zone, meetingZone);
}

async function after(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
  found: Found,
  action: CouncilAction,
  outcome: Outcome<unknown>,
) {
  if ('refusal' in outcome) {
    reply.code(STATUS_OF_REFUSAL[outcome.refusal.code]);
    // Read again: what refused it (an answer since, the phase) is what the page should show.
    const fresh = (await councilPage(portal.deps.client, found.page.workflowId)) ?? found.page;
    const shown = { action, message: outcome.refusal.message };
    const again = { ...found, page: fresh };
    return action === 'answer'
      ? showBriefing(portal, request, reply, again, shown)
      : showDashboard(portal, request, reply, again, shown);
  }
  const path =
    action === 'answer' ? `/council/${found.page.workflowId}/briefing` : `/council/${found.page.workflowId}`;
  return reply.redirect(`${path}?done=${action}`, 303);
}

/** A form the schema refuses, beside the action it was for. */
async function refused(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
  action: CouncilAction,
  message: string,
) {
  const found = await sessionFor(portal, request, reply, action === 'answer' ? 'briefer' : 'organizer');
  if (!found) return reply;
  return action === 'answer'
    ? showBriefing(portal, request, reply, found, { action, message })
    : showDashboard(portal, request, reply, found, { action, message });
}

async function showBriefing(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
  found: Found,
  shown: Shown,
) {
  const { status } = found.page;
  const note = status.conceptNotes.at(-1);
  const stored = note ? await conceptNoteDocument(portal.deps.documents, found.page) : undefined;
  const fixed = Boolean(status.speakers.frozen && found.briefer?.answer);
  return show(reply, request, 'council-briefing', {
    page: found.page,
    partner: found.briefer,
    note,
    noteStored: Boolean(stored),
    when: timeOf(request, found),
    canAnswer: ANSWERING.includes(status.phase) && !fixed,
    // Once the list is frozen an answer given stands; only the organizers record a change (the validator says so too).
    fixed,
    organizers: status.organizers.map((o) => o.email).join(', '),
    refusal: shown.action ? { action: shown.action, message: shown.message } : undefined,
    form: shown.action ? request.typed : {},
    done: shown.done,
  });
}

async function showDashboard(
  portal: Portal,
  request: FastifyRequest,
  reply: FastifyReply,
  found: Found,
  shown: Shown,
) {
  const { status } = found.page;
  // A request's decision page exists once its decision is started (a moment after the outcome).
  const requests = await Promise.all(
    status.requests.map(async (r) => ({
      ...r,
      tracked: Boolean(await decisionView(portal.deps.client, r.workflowId)),
    })),
  );
  const open = ['planning', 'invitations'].includes(status.phase);
  const zone = status.meeting.timeZone;
  return show(reply, request, 'council-session', {
    page: found.page,
    requests,
    noteStored: Boolean(await conceptNoteDocument(portal.deps.documents, found.page)),
    when: timeOf(request, found),
    canInvite: !status.invitations && status.phase === 'planning',
    canFreeze: open && !status.speakers.frozen,
    canMove: open,
    // The move form starts from the session's own dates, as wall clock in the meeting's zone.
    move:
      shown.action === 'move'
        ? request.typed
        : { start: wallClockOf(status.meeting.start, zone), end: wallClockOf(status.meeting.end, zone) },
    zoneName: zone,
    refusal: shown.action ? { action: shown.action, message: shown.message } : undefined,
    done: shown.done,
  });
}

/** "2006-09-21T10:00": an instant as a `datetime-local` field shows it, in `zone`. */
function wallClockOf(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}
