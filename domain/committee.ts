/**
 * The standing committee (para 12: "initiator of ideas, mobilizer of political will and sustainable
 * direction, and monitor of implementation of decisions made"): its ideas, its implementation
 * digest and what it carries forward to the next meeting's agenda. Pure: schemas and functions
 * over decision listings that the activities read from visibility.
 */
import { z } from 'zod';
import { DecisionStatus, EditionKey, editionNumber, isClosed, isOwed } from './decision';
import { IsoDurationText, addIsoDuration } from './duration';
import { Email } from './addresses';
import type { MessageInput } from './messages';
import { Instant, Line, Text } from './text';

// ── Policy ──────────────────────────────────────────────────────────────────────────────────────────

/** The review meeting unless the committee's file says otherwise: 90 minutes, one to three weeks on. */
export const DEFAULT_REVIEW_MEETING = {
  duration: 'PT90M',
  earliest: 'P7D',
  latest: 'P21D',
  venue: 'Video conference (the organizers send the link)',
};

export const CommitteePolicy = z.object({
  /** How often the digest goes out (CONVENE_COMMITTEE_REVIEW_PERIOD). */
  reviewPeriod: IsoDurationText.default('P3M'),
  /** "Due soon" in the digest: due within this horizon. */
  digestHorizon: IsoDurationText.default('P30D'),
  /** The review meeting proposed with each digest: how long, and how far ahead to look. */
  reviewMeeting: z
    .object({
      duration: IsoDurationText.default('PT90M'),
      earliest: IsoDurationText.default('P7D'),
      latest: IsoDurationText.default('P21D'),
      /** Where the members meet: the invitation's location. */
      venue: z.string().min(1).max(300).default(DEFAULT_REVIEW_MEETING.venue),
    })
    .default(DEFAULT_REVIEW_MEETING),
});
export type CommitteePolicy = z.infer<typeof CommitteePolicy>;
export type CommitteePolicyInput = z.input<typeof CommitteePolicy>;

// ── Ideas and requests ──────────────────────────────────────────────────────────────────────────────

export const Idea = z.object({
  id: z.string(),
  title: z.string(),
  text: z.string(),
  proposedBy: Email,
  proposedByName: z.string(),
  organization: z.string(),
  proposedAt: z.string(),
  /** The meeting whose agenda carried it, marked when that meeting announced its outcome. */
  takenUpBy: z.object({ edition: EditionKey, at: z.string() }).optional(),
});
export type Idea = z.infer<typeof Idea>;

export const ProposeIdeaRequest = z.object({
  as: Email,
  /** Chosen by the client: the same idea sent twice is kept once. */
  ideaId: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1–100 letters, digits, dots, dashes, colons or underscores')
    .optional(),
  title: Line(200).optional(),
  text: Text(4_000),
});
export type ProposeIdeaRequest = z.input<typeof ProposeIdeaRequest>;

export const ScheduleReviewRequest = z.object({ as: Email, at: Instant, note: Text(1_000).optional() });
export type ScheduleReviewRequest = z.input<typeof ScheduleReviewRequest>;

export const DigestRequest = z.object({ as: Email });

/** The chair or an organizer cancels the review meeting the members were invited to. */
export const CancelReviewRequest = z.object({ as: Email });
export type CancelReviewRequest = z.input<typeof CancelReviewRequest>;
export type DigestRequest = z.input<typeof DigestRequest>;

/** What a cycle's recordOutcome (or `decision import`) tells the committee. */
export const NewDecisions = z.object({
  edition: EditionKey,
  /** Empty for an outcome without decisions that still took up ideas (`ideasTakenUp`). */
  refs: z.array(z.string().min(1)),
  /**
   * When the meeting that took them ended (on the cycle's clock): the committee's ideas proposed
   * before it were that meeting's to take up, and are not carried to the next agenda. Imports and
   * council sessions announce without it.
   */
  meetingEnd: Instant.optional(),
  /** The committee's ideas that meeting's agenda carried: marked as taken up, never carried again. */
  ideasTakenUp: z.array(z.string().min(1).max(100)).max(1_000).optional(),
});
export type NewDecisions = z.infer<typeof NewDecisions>;

// ── Decisions as visibility lists them ──────────────────────────────────────────────────────────────

export const DecisionListing = z.object({
  id: z.string(),
  ref: z.string(),
  edition: z.string(),
  title: z.string(),
  status: DecisionStatus,
  lead: z.string(),
  responsible: z.array(z.string()),
  area: z.string(),
  dueDate: z.string(),
  running: z.boolean(),
  closedAt: z.string().optional(),
  meetingTitle: z.string().optional(),
  rehearsal: z.boolean().default(false),
  /** A Council request's source ("S/RES/1631 (2005), para. 10"); absent for a meeting's own decision. */
  source: z.string().optional(),
});
export type DecisionListing = z.infer<typeof DecisionListing>;

// ── The digest ──────────────────────────────────────────────────────────────────────────────────────

export interface OrganizationTally {
  organization: string;
  leads: number;
  open: number;
  overdue: number;
  stalled: number;
  awaitingVerification: number;
  verifiedSince: number;
}

export interface Digest {
  period: { from: string; to: string };
  overdue: DecisionListing[];
  stalled: DecisionListing[];
  dueSoon: DecisionListing[];
  awaitingVerification: DecisionListing[];
  verifiedSince: DecisionListing[];
  byOrganization: OrganizationTally[];
  ideas: Idea[];
  totals: { tracked: number; open: number; closed: number };
  /** Organization id → acronym, for people reading the digest. */
  acronyms: Record<string, string>;
}

export const DIGEST_SECTIONS = {
  overdue: 'Overdue',
  stalled: 'Stalled (no recent progress report)',
  dueSoon: 'Due within the horizon',
  awaitingVerification: 'Claimed implemented, awaiting verification',
  verifiedSince: 'Verified since the last digest',
} as const satisfies Partial<Record<keyof Digest, string>>;
export type DigestSection = keyof typeof DIGEST_SECTIONS;

const byDue = (a: DecisionListing, b: DecisionListing) => Date.parse(a.dueDate) - Date.parse(b.dueDate);

/** Sorts decisions into the digest's sections; a decision may sit in two (overdue and stalled). */
export function buildDigest(
  decisions: readonly DecisionListing[],
  ideas: readonly Idea[],
  options: { from: string; to: string; horizon: string; acronyms?: Record<string, string> },
): Digest {
  const now = Date.parse(options.to);
  const horizonEnd = addIsoDuration(now, options.horizon);
  const open = decisions.filter((d) => d.running && !isClosed(d.status));
  const due = (d: DecisionListing) => Date.parse(d.dueDate);
  const overdue = open.filter((d) => isOwed(d.status) && due(d) < now);
  const verifiedSince = decisions.filter(
    (d) => d.status === 'verified' && Date.parse(d.closedAt ?? options.to) >= Date.parse(options.from),
  );
  const digest: Omit<Digest, 'byOrganization'> = {
    period: { from: options.from, to: options.to },
    overdue: overdue.sort(byDue),
    stalled: open.filter((d) => d.status === 'stalled').sort(byDue),
    dueSoon: open.filter((d) => isOwed(d.status) && due(d) >= now && due(d) <= horizonEnd).sort(byDue),
    awaitingVerification: open.filter((d) => d.status === 'implementation-claimed').sort(byDue),
    verifiedSince: verifiedSince.sort(byDue),
    ideas: ideas.filter((i) => Date.parse(i.proposedAt) >= Date.parse(options.from)),
    totals: { tracked: decisions.length, open: open.length, closed: decisions.length - open.length },
    acronyms: options.acronyms ?? {},
  };
  return { ...digest, byOrganization: tallyByOrganization(decisions, digest) };
}

function tallyByOrganization(
  decisions: readonly DecisionListing[],
  digest: Omit<Digest, 'byOrganization'>,
): OrganizationTally[] {
  const tallies = new Map<string, OrganizationTally>();
  const tally = (organization: string) => {
    const existing = tallies.get(organization);
    if (existing) return existing;
    const fresh = {
      organization,
      leads: 0,
      open: 0,
      overdue: 0,
      stalled: 0,
      awaitingVerification: 0,
      verifiedSince: 0,
    };
    tallies.set(organization, fresh);
    return fresh;
  };
  const count = (
    list: DecisionListing[],
    field: Exclude<keyof OrganizationTally, 'organization' | 'leads'>,
  ) => {
    for (const d of list) for (const org of [d.lead, ...d.responsible]) tally(org)[field] += 1;
  };
  for (const d of decisions) tally(d.lead).leads += 1;
  count(
    decisions.filter((d) => d.running && !isClosed(d.status)),
    'open',
  );
  count(digest.overdue, 'overdue');
  count(digest.stalled, 'stalled');
  count(digest.awaitingVerification, 'awaitingVerification');
  count(digest.verifiedSince, 'verifiedSince');
  return [...tallies.values()].sort((a, b) => a.organization.localeCompare(b.organization));
}

/** The series, for a digest sent before any decision is tracked. */
export const SERIES_TITLE =
  'High-level meetings of the United Nations and regional and other intergovernmental organizations';

/** The meeting a digest speaks for: the latest edition with tracked decisions. */
export function latestEdition(decisions: readonly DecisionListing[]): { number: number; title: string } {
  const latest = [...decisions].sort((a, b) => editionNumber(b.edition) - editionNumber(a.edition))[0];
  return latest
    ? { number: editionNumber(latest.edition), title: latest.meetingTitle ?? SERIES_TITLE }
    : { number: 1, title: SERIES_TITLE };
}

/** The digest as a message: one entry per decision and section, sections in the order above. */
export function digestMessage(
  digest: Digest,
  context: {
    edition: { number: number; title: string };
    contact: { name: string; email: string };
    /** The review meeting proposed with this digest, its members outside working hours by name. */
    reviewMeeting?: { start: string; end: string; inconvenienced: string[] };
  },
): MessageInput {
  const sections = Object.entries(DIGEST_SECTIONS) as Array<[DigestSection, string]>;
  const decisions = sections.flatMap(([section, label]) =>
    digest[section].map((d) => ({
      ref: `${d.edition}/${d.ref}`,
      title: d.title,
      lead: digest.acronyms[d.lead] ?? d.lead.toUpperCase(),
      status: label,
      due: d.dueDate,
      ...(d.source ? { source: d.source } : {}),
    })),
  );
  return {
    kind: 'committee-digest',
    data: {
      edition: context.edition,
      contact: context.contact,
      period: digest.period,
      decisions,
      ideas: digest.ideas.map((i) => ({
        title: i.title,
        proposedBy: `${i.proposedByName} (${digest.acronyms[i.organization] ?? i.organization.toUpperCase()})`,
      })),
      ...(context.reviewMeeting ? { reviewMeeting: context.reviewMeeting } : {}),
    },
  };
}

// ── Carry-forward to the next meeting ───────────────────────────────────────────────────────────────

export const CarryForward = z.object({
  decisions: z.array(
    z.object({
      id: z.string(),
      ref: z.string(),
      edition: z.string(),
      text: z.string(),
      status: DecisionStatus,
      lead: z.string(),
      yearsOpen: z.number(),
      lastReport: z.object({ at: z.string(), summary: z.string() }).optional(),
    }),
  ),
  ideas: z.array(
    z.object({ id: z.string(), text: z.string(), proposedBy: z.string(), proposedAt: z.string() }),
  ),
});
export type CarryForward = z.infer<typeof CarryForward>;

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** Years since adoption, to one decimal: what an agenda says ("open for 1.5 years"). */
export function yearsOpen(adoptedAt: string, now: string): number {
  return Math.round(((Date.parse(now) - Date.parse(adoptedAt)) / YEAR_MS) * 10) / 10;
}

export const CARRY_FORWARD_ITEMS = {
  decisions: 'Implementation of decisions of previous meetings',
  ideas: 'Proposals of the standing committee',
} as const;

export interface StandingAgendaItem {
  title: string;
  description: string;
  lines: string[];
}

/** The two standing items of a draft agenda, from what the committee carries forward. */
export function carryForwardAgendaItems(carry: CarryForward): StandingAgendaItem[] {
  return [
    {
      title: CARRY_FORWARD_ITEMS.decisions,
      description: carry.decisions.length
        ? `${carry.decisions.length} decision(s) of previous meetings not yet verified as implemented.`
        : 'Every decision of previous meetings has been verified as implemented.',
      lines: carry.decisions.map(
        (d) =>
          `HLM ${d.edition}, ${d.ref} (${d.lead}, ${d.status}, open ${d.yearsOpen} ${d.yearsOpen === 1 ? 'year' : 'years'}): ${firstWords(d.text)}` +
          (d.lastReport
            ? ` Last report ${d.lastReport.at.slice(0, 10)}: ${firstWords(d.lastReport.summary)}`
            : ' No report yet.'),
      ),
    },
    {
      title: CARRY_FORWARD_ITEMS.ideas,
      description: carry.ideas.length
        ? `${carry.ideas.length} proposal(s) of the standing committee since the last meeting.`
        : 'The standing committee has made no proposal since the last meeting.',
      lines: carry.ideas.map(
        (i) => `${firstWords(i.text)} (proposed by ${i.proposedBy}, ${i.proposedAt.slice(0, 10)})`,
      ),
    },
  ];
}

function firstWords(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
}
