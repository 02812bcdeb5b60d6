/**
 * The forms of the focal points' and committee members' pages, each the domain's own request
 * schema without its actor (`as` is the signed-in person, never a form field), behind a small
 * adapter from what a browser sends: blank fields left out, numbers from text, one link a line.
 * So a form is refused by the very rule the Update's validator applies, with the same sentence.
 */
import { z } from 'zod';
import { CommentRequest } from '../domain/cycle';
import { ProposeIdeaRequest } from '../domain/committee';
import { AnswerRequest, FreezeRequest, InviteRequest, MoveRequest } from '../domain/council-session';
import { ClaimImplementedRequest, ReportProgressRequest, VerdictRequest } from '../domain/decision-requests';

type Fields = Record<string, unknown>;

const isBlank = (value: unknown) => typeof value === 'string' && value.trim() === '';

function formFor<S extends z.ZodType>(schema: S, adapt: (fields: Fields) => Fields = (f) => f) {
  return z.preprocess((raw) => {
    const entries = Object.entries((raw ?? {}) as Fields);
    return adapt(Object.fromEntries(entries.filter(([k, v]) => k !== '_csrf' && !isBlank(v))));
  }, schema);
}

/** A textarea of links, one a line (or separated by spaces). */
const links = (value: unknown) => (typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : []);

export const CommentForm = formFor(CommentRequest.omit({ as: true }));

export const ReportForm = formFor(ReportProgressRequest.omit({ as: true }), (f) => ({
  ...f,
  ...(f.percent === undefined ? {} : { percent: Number(f.percent) }),
  evidence: links(f.evidence),
}));

export const ClaimForm = formFor(ClaimImplementedRequest.omit({ as: true }), (f) => ({
  ...f,
  evidence: links(f.evidence),
}));

export const VerdictForm = formFor(VerdictRequest.omit({ as: true }));

export const IdeaForm = formFor(ProposeIdeaRequest.omit({ as: true }));

/** A briefer's answer: the organization is the signed-in briefer's own, never a form field. */
export const AnswerForm = formFor(AnswerRequest.omit({ as: true, organization: true }));

export const FreezeForm = formFor(FreezeRequest.omit({ as: true }));

export const InviteForm = formFor(InviteRequest.omit({ as: true }));

/** What the person typed, to fill the form again beside a refusal. */
export function typedBack(body: unknown): Record<string, string> {
  const entries = Object.entries((body ?? {}) as Fields).filter(([k]) => k !== '_csrf');
  return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

/** What a browser's `datetime-local` field sends: a wall-clock time, read in the meeting's zone. */
const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a date and a time, such as 2006-09-21T10:00');

/** A move of the session: local times the route reads in the meeting's zone, and the reason. */
export const MoveForm = formFor(
  z.object({ start: LocalDateTime, end: LocalDateTime, reason: MoveRequest.shape.reason }),
);
