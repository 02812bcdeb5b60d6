/**
 * What the preparation-cycle workflow starts from: a cycle specification resolved against the
 * directory (every person with an organization and a zone) and checked (see config/cycle-spec.ts).
 * Plain JSON, since it is recorded in history.
 */
import { z } from 'zod';
import { Language } from './language';
import { EditionKey, EditionNumber } from './ids';
import { OrganizationId } from './addresses';
import { Participant } from './people';
import { Line } from './text';

export const GroupId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes, starting with a letter');

export const WorkingGroup = z.object({
  id: GroupId,
  title: Line(200),
  /** Thematic area of the report: conflict prevention, peacekeeping, … */
  area: Line(100),
  chair: Participant,
  delegates: z.array(Participant).default([]),
  /** Focal points of the member organizations: they receive the call for inputs. */
  members: z.array(Participant).default([]),
  memberOrganizations: z.array(OrganizationId).default([]),
});
export type WorkingGroup = z.infer<typeof WorkingGroup>;

export const ParticipatingOrganization = z.object({
  id: OrganizationId,
  acronym: Line(20),
  name: Line(200),
  focalPoints: z.array(Participant).min(1),
});
export type ParticipatingOrganization = z.infer<typeof ParticipatingOrganization>;

const IsoInstant = z.iso.datetime({ offset: true });

export const MeetingPlan = z.object({
  start: IsoInstant,
  end: IsoInstant,
  timeZone: z.string().min(1),
  venue: Line(300),
});
export type MeetingPlan = z.infer<typeof MeetingPlan>;

export const SecurityCouncilMeeting = z.object({
  title: Line(300),
  start: IsoInstant,
  timeZone: z.string().min(1),
  /**
   * The Council session workflow that owns this date (`council-session-2006`), if it runs here: its
   * moves reach the cycle on their own, recorded for the Council affairs organizer who made them.
   */
  session: z.string().optional(),
});
export type SecurityCouncilMeeting = z.infer<typeof SecurityCouncilMeeting>;

/** ISO-8601 durations, checked by the calendar module; kept as text so workflows need no parser. */
export const TimelinePolicyDurations = z.record(z.string(), z.union([z.string(), z.boolean()]));

export const CycleInput = z.object({
  /** "7", or "r7" for a rehearsal of edition 7: rehearsals never collide with real cycles. */
  editionKey: EditionKey,
  edition: EditionNumber,
  title: Line(300),
  meeting: MeetingPlan,
  securityCouncil: SecurityCouncilMeeting.optional(),
  organizers: z.array(Participant).min(1),
  participants: z.array(ParticipatingOrganization).min(1),
  workingGroups: z.array(WorkingGroup).min(1),
  timeline: TimelinePolicyDurations.default({}),
  reminderOffsets: z.array(z.string()).default(['P14D', 'P7D', 'P1D']),
  /** After a missed deadline, how long before the organizer is told (milliseconds of real time). */
  overdueGraceMs: z.number().int().nonnegative(),
  /** A rehearsal compresses the whole timeline: one real day lasts `secondsPerDay` seconds. */
  rehearsal: z.object({ secondsPerDay: z.number().positive().max(86_400) }).optional(),
  /** Largest accepted input, in characters of its JSON. */
  maxInputChars: z.number().int().positive().default(200_000),
  /** The language of the agenda and the outcome report; cycles started before languages: English. */
  documentLanguage: Language.optional(),
  /** Follow the Security Council's moves on its own (see config/cycle-spec.ts); absent: propose. */
  followCouncil: z.boolean().optional(),
});
export type CycleInput = z.infer<typeof CycleInput>;
export type CycleInputDraft = z.input<typeof CycleInput>;
