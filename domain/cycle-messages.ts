/**
 * What the cycle's messages and documents say, built from its state: the pure half of sending.
 * The workflow decides when a message goes; these functions decide what it carries and to whom.
 */
import { CARRY_FORWARD_ITEMS } from './committee';
import type { CycleState, OutcomeDecision } from './cycle';
import type { CycleInput } from './cycle-input';
import { decisionTitle } from './decision';
import { inRole, type Addressee } from './people';
import { sizeName, UPLOAD_TYPE_NAMES } from './uploads';
import type { GroupResult } from './working-group';

/** An agenda item as the documents list it (documents/meeting-documents.ts parses the same shape). */
export interface AgendaEntry {
  title: string;
  description: string;
  area: string;
  durationMinutes: number;
  /** The working group that proposed it. */
  proposedBy: string;
  late: boolean;
  unreviewed: boolean;
}

/** The two items every agenda carries after the groups' own, in this order. */
export function standingMessageItems() {
  return [CARRY_FORWARD_ITEMS.decisions, CARRY_FORWARD_ITEMS.ideas].map((title) => ({
    title,
    group: 'Standing item',
  }));
}

/** Fields every cycle message has: the edition and whom to ask (the first organizer). */
export function common(input: CycleInput) {
  const o = input.organizers[0]!;
  return {
    edition: { number: input.edition, title: input.title },
    contact: { name: o.name, email: o.email },
  };
}

/** The command an organizer runs to apply a Council proposal (their `--as` is added per copy). */
export function followCouncilCommand(input: CycleInput): string {
  return `convene cycle follow-council ${input.editionKey}`;
}

/** The meeting as the messages show it, with the Security Council meeting it coincides with. */
export function messageMeeting(input: CycleInput, s: Pick<CycleState, 'meeting' | 'securityCouncil'>) {
  return {
    title: input.title,
    start: s.meeting.start,
    end: s.meeting.end,
    venue: s.meeting.venue,
    councilMeeting: s.securityCouncil
      ? { title: s.securityCouncil.title, start: s.securityCouncil.start }
      : undefined,
  };
}

/**
 * Organizers, focal points, chairs and delegates: whoever hears of the meeting itself, each in the
 * role the footer names (one listed twice is addressed in the most particular: a chair who is also a focal point reads
 * that they chair the group).
 */
export function everyone(input: CycleInput): Addressee[] {
  return [
    ...inRole('organizer', input.organizers),
    ...input.workingGroups.flatMap((g) => [
      ...inRole('chair', [g.chair], g.title),
      ...inRole('delegate', g.delegates, g.title),
    ]),
    ...input.participants.flatMap((p) => inRole('focal-point', p.focalPoints)),
  ];
}

/** The groups' proposed items that go on the agenda: accepted ones, and unreviewed ones marked so. */
export function agendaOf(results: GroupResult[]): AgendaEntry[] {
  return results.flatMap((r) =>
    r.submission && (r.outcome === 'accepted' || r.outcome === 'unreviewed')
      ? r.submission.input.agendaItems.map((item) => ({
          ...item,
          proposedBy: r.title,
          late: r.late,
          unreviewed: r.outcome === 'unreviewed',
        }))
      : [],
  );
}

/** The agenda as a message lists it: the groups' items, then the standing items. */
export function agendaMessageItems(results: GroupResult[]) {
  return agendaOf(results)
    .map((i) => ({ title: i.title, group: i.proposedBy }))
    .concat(standingMessageItems());
}

/** The background papers of the inputs on the agenda, as the documents list them. */
export function papersOf(results: GroupResult[]) {
  return results.flatMap((r) =>
    r.submission && (r.outcome === 'accepted' || r.outcome === 'unreviewed')
      ? r.submission.input.attachments.map((a) => ({
          title: a.title,
          group: r.title,
          link: a.ref,
          file: a.file && {
            name: a.file.name,
            type: UPLOAD_TYPE_NAMES[a.file.type],
            size: sizeName(a.file.size),
            sha256: a.file.sha256,
          },
        }))
      : [],
  );
}

export function missingGroups(results: GroupResult[]): string[] {
  return results.filter((r) => r.outcome === 'no-input' || r.outcome === 'cancelled').map((r) => r.title);
}

export function decisionForDocument(d: OutcomeDecision) {
  return {
    ref: d.ref,
    text: d.text,
    area: d.area,
    lead: d.lead,
    responsible: d.responsible,
    dueDate: d.dueDate,
  };
}

export function decisionForMessage(d: OutcomeDecision) {
  return {
    ref: d.ref,
    title: decisionTitle({ text: d.text }),
    lead: d.lead.toUpperCase(),
    responsible: d.responsible.map((x) => x.toUpperCase()),
    due: d.dueDate,
  };
}
