/**
 * The cycle specification an organizer launches (YAML or JSON): parsed with zod, resolved against
 * the directory (every person gets an organization and a zone) and checked with the calendars
 * (dates, business days, the Security Council meeting). Every problem is reported at once, one line
 * each, naming the field and the rule.
 */
import { Duration } from 'luxon';
import { z } from 'zod';
import { checkCoincidence } from '../calendar/coincidence';
import { TimelinePolicy } from '../calendar/contracts';
import { CalendarError } from '../calendar/errors';
import type { HolidayCalendar } from '../calendar/holidays';
import { createCalendarRegistry } from '../calendar/registry';
import { planTimeline } from '../calendar/timeline';
import { localDateTime, TimeZone } from '../calendar/zones';
import { CycleInput, GroupId } from '../domain/cycle-input';
import { councilSessionKey } from '../domain/council-session';
import { EditionNumber, editionKey, workflowIds } from '../domain/ids';
import { Language } from '../domain/language';
import { Line } from '../domain/text';
import { issueDetails, type IssueDetail } from '../domain/issues';
import type { RefusalValues } from '../domain/rejection';
import type { MessageKey } from '../i18n/catalog';
import { Email, OrganizationId } from '../domain/organization';
import type { Participant } from '../domain/people';
import { placeIn, type Directory } from './directory';
import { readYamlOrJson } from './data-file';
import {
  ConfigError,
  describeIssues,
  problem,
  sources,
  type ConfigProblem,
  type ConfigSource,
} from './problems';

const PersonRef = z.object(
  {
    name: Line(200),
    email: Email,
    organization: OrganizationId,
    timeZone: TimeZone.optional(),
    /** Overrides the organization's working language for this person. */
    language: Language.optional(),
  },
  { error: 'must be a person with a name, an e-mail address and an organization' },
);

export const CycleSpec = z.object({
  edition: EditionNumber,
  title: Line(300),
  meeting: z.object({
    /** Local date-time in the meeting's zone ("2006-09-22T10:00") or an instant with offset. */
    start: z.string().min(1),
    end: z.string().min(1),
    timeZone: TimeZone.default('America/New_York'),
    venue: Line(300),
  }),
  securityCouncil: z
    .object({
      title: Line(300),
      /**
       * The Council's date, local to `timeZone`. With `session`, the running session's own date is
       * used instead, and this one only while that session has not been started here.
       */
      start: z.string().min(1).optional(),
      timeZone: TimeZone.default('America/New_York'),
      /** The year of the Council session that owns this date (`convene council start`), if it runs here. */
      session: z.int().min(1945).max(2999).optional(),
    })
    .optional(),
  organizers: z.array(PersonRef).min(1, 'needs at least one organizer'),
  participants: z.array(OrganizationId).min(1, 'needs at least one participating organization'),
  workingGroups: z
    .array(
      z.object({
        id: GroupId,
        title: Line(200),
        area: Line(100),
        chair: PersonRef,
        delegates: z.array(PersonRef).default([]),
        members: z.array(OrganizationId).default([]),
      }),
    )
    .min(1, 'needs at least one working group'),
  timeline: z.record(z.string(), z.union([z.string(), z.boolean()])).default({}),
  reminders: z
    .object({ offsets: z.array(z.string()).min(1).optional(), overdueGrace: z.string().optional() })
    .default({}),
  maxInputChars: z.number().int().positive().optional(),
  /** The language of the agenda and the outcome report; by default the first organizer's. */
  documentLanguage: Language.optional(),
  /**
   * When the Security Council moves its meeting: true, the meeting moves on its own to the nearest
   * dates that coincide again and everyone is told; false (the default), the organizers are sent
   * the proposal and apply it with `convene cycle follow-council`.
   */
  followCouncil: z.boolean().optional(),
});
export type CycleSpec = z.infer<typeof CycleSpec>;

export interface ResolveOptions {
  directory: Directory;
  holidays: ReadonlyMap<string, HolidayCalendar>;
  now: Date;
  /** One real day lasts this many seconds; the edition becomes "r<edition>". */
  rehearsal?: { secondsPerDay: number };
  defaults: { reminderOffsetsDays: number[]; overdueGrace: string };
  /**
   * The date the named Council session holds now (`securityCouncil.session`), when it runs here:
   * the session owns the Council's date, so the cycle starts from it, not from a copy in the file.
   */
  councilSession?: CouncilSessionDate;
}

/** A Council session's meeting as the cycle needs it: its start (UTC) and its zone. */
export interface CouncilSessionDate {
  workflowId: string;
  start: string;
  timeZone: string;
}

export function readCycleSpecFile(file: string): unknown {
  return readYamlOrJson(file, sources.cycleSpec(file));
}

/** The workflow's input from a specification, or a ConfigError listing every problem. */
export function resolveCycleSpec(raw: unknown, source: ConfigSource, o: ResolveOptions): CycleInput {
  const parsed = CycleSpec.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, describeIssues(parsed.error.issues, { value: raw }));
  const spec = parsed.data;
  const problems: ConfigProblem[] = [];
  const check = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      if (err instanceof CalendarError || err instanceof SpecProblem) problems.push(err.phrase);
      else throw err;
    }
  };

  const person = (p: z.infer<typeof PersonRef>, where: string): Participant => {
    const org = o.directory.get(p.organization);
    if (!org)
      throw new SpecProblem('config.problem.unknownOrganization', {
        where: `${where}.organization`,
        id: p.organization,
      });
    return { name: p.name, email: p.email, ...placeIn(org, p) };
  };
  const focalPoints = (id: string): Participant[] => {
    const org = o.directory.get(id)!;
    return org.focalPoints.map((f) => ({ name: f.name, email: f.email, ...placeIn(org, f) }));
  };
  const knownOrg = (id: string, where: string) => {
    if (!o.directory.get(id)) throw new SpecProblem('config.problem.unknownOrganization', { where, id });
  };

  spec.participants.forEach((id, i) => check(() => knownOrg(id, `participants.${i}`)));
  const organizers: Participant[] = [];
  spec.organizers.forEach((p, i) => check(() => organizers.push(person(p, `organizers.${i}`))));
  const seen = new Set<string>();
  const groups: CycleInput['workingGroups'] = [];
  spec.workingGroups.forEach((g, i) => {
    check(() => {
      if (seen.has(g.id))
        throw new SpecProblem('config.problem.groupIdTwice', { where: `workingGroups.${i}.id`, id: g.id });
      seen.add(g.id);
    });
    g.members.forEach((m, j) => check(() => knownOrg(m, `workingGroups.${i}.members.${j}`)));
    check(() => {
      const chair = person(g.chair, `workingGroups.${i}.chair`);
      const delegates = g.delegates.map((d, j) => person(d, `workingGroups.${i}.delegates.${j}`));
      const members = g.members.filter((m) => o.directory.get(m)).flatMap(focalPoints);
      groups.push({
        id: g.id,
        title: g.title,
        area: g.area,
        chair,
        delegates,
        members,
        memberOrganizations: g.members,
      });
    });
  });

  let meeting: CycleInput['meeting'] | undefined;
  check(() => {
    const start = localDateTime(spec.meeting.start, spec.meeting.timeZone, 'meeting.start');
    const end = localDateTime(spec.meeting.end, spec.meeting.timeZone, 'meeting.end');
    meeting = {
      start: start.toUTC().toISO()!,
      end: end.toUTC().toISO()!,
      timeZone: spec.meeting.timeZone,
      venue: spec.meeting.venue,
    };
    if (!o.rehearsal && start.toMillis() <= o.now.getTime()) {
      throw new SpecProblem('config.problem.meetingInPast', {
        start: spec.meeting.start,
        zone: spec.meeting.timeZone,
      });
    }
  });
  let securityCouncil: CycleInput['securityCouncil'];
  if (spec.securityCouncil && meeting) {
    const council = spec.securityCouncil;
    check(() => {
      const owned = council.session ? o.councilSession : undefined;
      securityCouncil = {
        title: council.title,
        ...(owned ? { start: owned.start, timeZone: owned.timeZone } : councilDateFromFile(council)),
        ...(council.session
          ? { session: workflowIds.councilSession(councilSessionKey(council.session, Boolean(o.rehearsal))) }
          : {}),
      };
      const result = checkCoincidence({
        highLevelMeeting: { start: meeting!.start, timeZone: meeting!.timeZone },
        securityCouncil: { start: securityCouncil.start, timeZone: securityCouncil.timeZone },
      });
      if (!result.coincide) {
        const explanation = result.said ?? result.explanation;
        throw owned
          ? new SpecProblem('config.problem.sessionNotCoinciding', { session: owned.workflowId, explanation })
          : new SpecProblem('config.problem.councilNotCoinciding', { explanation });
      }
    });
  }
  check(() => {
    const policy = TimelinePolicy.safeParse(spec.timeline);
    if (!policy.success)
      // One line for the timeline, its problems joined.
      throw new SpecProblem('config.problem.issues', {
        issues: {
          issues: issueDetails(policy.error.issues, '(whole value)', spec.timeline).map(underTimeline),
        },
      });
    if (meeting && organizers[0]) {
      const calendars = createCalendarRegistry(o.directory.organizations, o.holidays);
      planTimeline(
        {
          meeting: { start: meeting.start, end: meeting.end, timeZone: meeting.timeZone },
          policy: spec.timeline,
        },
        calendars.calendarOf(organizers[0].organization),
      );
    }
  });
  const offsets = spec.reminders.offsets ?? o.defaults.reminderOffsetsDays.map((d) => `P${d}D`);
  offsets.forEach((x, i) => check(() => durationMs(x, `reminders.offsets.${i}`)));
  let overdueGraceMs = 0;
  check(
    () =>
      (overdueGraceMs = durationMs(
        spec.reminders.overdueGrace ?? o.defaults.overdueGrace,
        'reminders.overdueGrace',
      )),
  );

  if (problems.length || !meeting) throw new ConfigError(source, problems);
  return CycleInput.parse({
    editionKey: editionKey(spec.edition, Boolean(o.rehearsal)),
    edition: spec.edition,
    title: spec.title,
    meeting,
    securityCouncil,
    organizers,
    participants: spec.participants.map((id) => {
      const org = o.directory.get(id)!;
      return { id, acronym: org.acronym, name: org.name, focalPoints: focalPoints(id) };
    }),
    workingGroups: groups,
    timeline: spec.timeline,
    reminderOffsets: offsets,
    overdueGraceMs,
    rehearsal: o.rehearsal,
    maxInputChars: spec.maxInputChars,
    documentLanguage: spec.documentLanguage ?? organizers[0]?.language,
    ...(spec.followCouncil !== undefined ? { followCouncil: spec.followCouncil } : {}),
  });
}

/** A rule of the specification broken: its sentence as a `config.problem.*` phrase. */
class SpecProblem extends Error {
  readonly phrase: ConfigProblem;
  constructor(key: MessageKey, values?: RefusalValues) {
    const said = problem(key, values);
    super(key);
    this.phrase = said;
  }
}

function underTimeline(detail: IssueDetail): IssueDetail {
  return { ...detail, where: `timeline.${detail.where}` };
}

function durationMs(iso: string, where: string): number {
  const d = Duration.fromISO(iso);
  if (!d.isValid || d.toMillis() <= 0)
    throw new SpecProblem('config.problem.duration', { where, value: iso });
  return d.toMillis();
}

type CouncilInFile = NonNullable<CycleSpec['securityCouncil']>;

/** The Council's date as the file gives it: needed when no running session owns it. */
function councilDateFromFile(council: CouncilInFile): { start: string; timeZone: string } {
  if (!council.start)
    throw council.session
      ? new SpecProblem('config.problem.councilDateWhileSession', { year: council.session })
      : new SpecProblem('config.problem.councilDate');
  const start = localDateTime(council.start, council.timeZone, 'securityCouncil.start');
  return { start: start.toUTC().toISO()!, timeZone: council.timeZone };
}

/** The workflow id of the Council session a specification names, if it names one (read before resolving). */
export function councilSessionNamed(raw: unknown, rehearsal: boolean): string | undefined {
  const named = z.object({ securityCouncil: z.object({ session: z.int() }) }).safeParse(raw);
  return named.success
    ? workflowIds.councilSession(councilSessionKey(named.data.securityCouncil.session, rehearsal))
    : undefined;
}
