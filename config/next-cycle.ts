/**
 * Next year's meeting, drafted from this year's: the same partners, groups, chairs and organizers,
 * and the meeting and the Council's meeting 52 weeks later, at the same local times. Whole weeks keep
 * the weekdays, so the two meetings still coincide as they did. The organizers edit it and launch it
 * with `convene cycle start`. Each person keeps their own time zone and language where they differ
 * from their organization's (the directory's headquarters zone and first working language), so a
 * chair who chose Spanish still reads Spanish next year.
 */
import { DateTime } from 'luxon';
import YAML from 'yaml';
import type { CycleInput } from '../domain/cycle-input';
import type { Participant } from '../domain/people';
import { languageFor } from '../domain/language';
import type { CycleSpec } from './cycle-spec';
import type { Directory } from './directory';

const A_YEAR_OF_WEEKS = { weeks: 52 };

/** Without a directory every person's zone and language are written out, as they are today. */
export function draftNextCycle(plan: CycleInput, directory?: Pick<Directory, 'get'>): CycleSpec {
  const edition = plan.edition + 1;
  const personRef = (p: Participant) => personRefIn(p, directory);
  const council = plan.securityCouncil;
  return {
    edition,
    title: nextTitle(plan.title, plan.edition),
    meeting: {
      start: nextLocal(plan.meeting.start, plan.meeting.timeZone),
      end: nextLocal(plan.meeting.end, plan.meeting.timeZone),
      timeZone: plan.meeting.timeZone,
      venue: plan.meeting.venue,
    },
    ...(council
      ? {
          securityCouncil: {
            title: council.title,
            start: nextLocal(council.start, council.timeZone),
            timeZone: council.timeZone,
            // This year's date was owned by a Council session: next year's, of its own year, owns it.
            ...(council.session
              ? { session: Number(nextLocal(council.start, council.timeZone).slice(0, 4)) }
              : {}),
          },
        }
      : {}),
    organizers: plan.organizers.map(personRef),
    participants: plan.participants.map((p) => p.id),
    workingGroups: plan.workingGroups.map((g) => ({
      id: g.id,
      title: g.title,
      area: g.area,
      chair: personRef(g.chair),
      delegates: g.delegates.map(personRef),
      members: g.memberOrganizations,
    })),
    timeline: plan.timeline,
    reminders: { offsets: plan.reminderOffsets, overdueGrace: graceOf(plan.overdueGraceMs) },
    maxInputChars: plan.maxInputChars,
    ...(plan.followCouncil !== undefined ? { followCouncil: plan.followCouncil } : {}),
  };
}

/** A local date-time in the zone ("2028-09-21T10:00"), 52 weeks after `iso`. */
function nextLocal(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).plus(A_YEAR_OF_WEEKS).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A person as a specification names them: their zone and language only where they are their own. */
function personRefIn(p: Participant, directory?: Pick<Directory, 'get'>) {
  const org = directory?.get(p.organization);
  const ownZone = !org || p.timeZone !== org.headquarters.timeZone;
  const ownLanguage = p.language && (!org || p.language !== languageFor({}, org.workingLanguages));
  return {
    name: p.name,
    email: p.email,
    organization: p.organization,
    ...(ownZone ? { timeZone: p.timeZone } : {}),
    ...(ownLanguage ? { language: p.language } : {}),
  };
}

function graceOf(ms: number): string {
  const days = ms / 86_400_000;
  return Number.isInteger(days) ? `P${days}D` : `PT${Math.round(ms / 1000)}S`;
}

/** "Seventh high-level meeting …" becomes "Eighth high-level meeting …"; other titles get the number. */
/** The draft as a file to edit and launch: how it came about, then the specification in YAML. */
export function draftNextCycleFile(
  plan: CycleInput,
  directory: Pick<Directory, 'get'> | undefined,
  origin: string,
): string {
  const draft = draftNextCycle(plan, directory);
  return `# ${origin}: edit, then\n# convene cycle start <this file> --as <organizer>\n${YAML.stringify(draft)}`;
}

export function nextTitle(title: string, edition: number): string {
  const current = ordinal(edition);
  const pattern = new RegExp(`\\b${current}\\b`, 'i');
  if (!pattern.test(title)) return `${title} (edition ${edition + 1})`;
  return title.replace(pattern, (word) => sameCase(ordinal(edition + 1), word));
}

const UNITS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const TEENS = [
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const TENTHS = [
  '',
  '',
  'twentieth',
  'thirtieth',
  'fortieth',
  'fiftieth',
  'sixtieth',
  'seventieth',
  'eightieth',
  'ninetieth',
];

/** English ordinal words up to ninety-ninth ("twenty-seventh"); beyond, "100th". */
export function ordinal(n: number): string {
  if (n < 10) return UNITS[n] ?? `${n}th`;
  if (n < 20) return TEENS[n - 10]!;
  if (n < 100) {
    const tens = Math.floor(n / 10);
    return n % 10 === 0 ? TENTHS[tens]! : `${TENS[tens]}-${UNITS[n % 10]}`;
  }
  return `${n}th`;
}

function sameCase(word: string, like: string): string {
  return like[0] === like[0]!.toUpperCase() ? word[0]!.toUpperCase() + word.slice(1) : word;
}
