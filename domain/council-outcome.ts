/**
 * What a Security Council meeting with regional organizations ends with: a presidential statement
 * (S/PRST/2004/27), a resolution (S/RES/1631 (2005)) or only the summary record of the meeting
 * (S/PV.4739). Its operative paragraphs may request things of someone ("invites the
 * Secretary-General to submit a report…"); each request becomes a tracked decision. Pure: zod only.
 */
import { z } from 'zod';
import { ruleIssue } from './issues';
import { OrganizationId } from './addresses';
import { Instant, Line, Text } from './text';

export const OUTCOME_KINDS = ['presidential-statement', 'resolution', 'summary-record'] as const;
export const OutcomeKind = z.enum(OUTCOME_KINDS);
export type OutcomeKind = z.infer<typeof OutcomeKind>;

/** How each kind's document symbol is written, and an example for the person who got it wrong. */
const SYMBOL_RULES: Record<OutcomeKind, { pattern: RegExp; example: string }> = {
  'presidential-statement': { pattern: /^S\/PRST\/(\d{4})\/(\d{1,3})$/, example: 'S/PRST/2004/27' },
  resolution: { pattern: /^S\/RES\/(\d{1,5}) \((\d{4})\)$/, example: 'S/RES/1631 (2005)' },
  'summary-record': { pattern: /^S\/PV\.(\d{1,5})$/, example: 'S/PV.4739' },
};

/** Why a symbol does not fit its kind (as an issue at `path`), or undefined when it does. */
export function symbolProblem(kind: OutcomeKind, symbol: string, path: PropertyKey[] = ['symbol']) {
  const rule = SYMBOL_RULES[kind];
  if (rule.pattern.test(symbol)) return undefined;
  return ruleIssue(
    path,
    `rule.symbol.${kind}`,
    { example: rule.example },
    `a ${kind} has a symbol such as ${rule.example}`,
  );
}

/** The year a symbol names (a summary record names none). */
export function symbolYear(kind: OutcomeKind, symbol: string): number | undefined {
  const m = SYMBOL_RULES[kind].pattern.exec(symbol);
  if (!m) return undefined;
  if (kind === 'presidential-statement') return Number(m[1]);
  if (kind === 'resolution') return Number(m[2]);
  return undefined;
}

/**
 * A short, stable reference for the decision a paragraph's request becomes: `sc1631-10` for
 * paragraph 10 of resolution 1631, `prst2004-27-3` for a presidential statement's paragraph 3.
 */
export function requestRef(kind: OutcomeKind, symbol: string, paragraph: number): string {
  const m = SYMBOL_RULES[kind].pattern.exec(symbol);
  switch (kind) {
    case 'resolution':
      return `sc${m?.[1] ?? 'x'}-${paragraph}`;
    case 'presidential-statement':
      return `prst${m?.[1] ?? ''}-${m?.[2] ?? ''}-${paragraph}`;
    case 'summary-record':
      return `pv${m?.[1] ?? ''}-${paragraph}`;
  }
}

/** "S/RES/1631 (2005), para. 10": where a tracked decision comes from, as people cite it. */
export function sourceLabel(symbol: string, paragraph: number): string {
  return `${symbol}, para. ${paragraph}`;
}

/** What a paragraph asks, of whom, by when: enough to track it as a decision. */
export const CouncilRequest = z.object({
  /** Whom the Council asks, as the text says: "the Secretary-General". */
  addressee: Line(200),
  /** The organization that answers for it (the Secretary-General: `un`). */
  leadOrganization: OrganizationId,
  responsibleOrganizations: z.array(OrganizationId).default([]),
  area: Line(100),
  title: Line(200).optional(),
  dueDate: Instant,
});
export type CouncilRequest = z.infer<typeof CouncilRequest>;

export const OperativeParagraph = z.object({
  number: z.int().min(1, 'paragraphs are numbered from 1'),
  text: Text(5_000),
  request: CouncilRequest.optional(),
});
export type OperativeParagraph = z.infer<typeof OperativeParagraph>;

export const CouncilOutcome = z
  .object({
    kind: OutcomeKind,
    symbol: Line(40),
    adoptedAt: Instant,
    title: Line(300).optional(),
    paragraphs: z.array(OperativeParagraph).max(100).default([]),
  })
  .superRefine((o, ctx) => {
    const problem = symbolProblem(o.kind, o.symbol);
    if (problem) ctx.addIssue(problem);
    const year = symbolYear(o.kind, o.symbol);
    if (year !== undefined && year !== new Date(o.adoptedAt).getUTCFullYear())
      ctx.addIssue(
        ruleIssue(
          ['adoptedAt'],
          'rule.symbolYear',
          { year: String(year), symbol: o.symbol },
          `must be in ${year}, the year the symbol ${o.symbol} names`,
        ),
      );
    const seen = new Set<number>();
    o.paragraphs.forEach((p, i) => {
      if (seen.has(p.number))
        ctx.addIssue(
          ruleIssue(
            ['paragraphs', i, 'number'],
            'rule.listedTwice',
            { item: String(p.number) },
            `${p.number} is listed twice`,
          ),
        );
      seen.add(p.number);
      if (p.request && Date.parse(p.request.dueDate) <= Date.parse(o.adoptedAt))
        ctx.addIssue({
          code: 'custom',
          path: ['paragraphs', i, 'request', 'dueDate'],
          message: 'must be after adoptedAt',
        });
      if (p.request?.responsibleOrganizations.includes(p.request.leadOrganization))
        ctx.addIssue(
          ruleIssue(
            ['paragraphs', i, 'request', 'responsibleOrganizations'],
            'rule.repeatsLead',
            { lead: p.request.leadOrganization },
            `must not repeat the lead organization ${p.request.leadOrganization}`,
          ),
        );
    });
  });
export type CouncilOutcome = z.infer<typeof CouncilOutcome>;
export type CouncilOutcomeInput = z.input<typeof CouncilOutcome>;

/** The paragraphs that ask something: each becomes a decision. */
export function requestsOf(outcome: CouncilOutcome): Array<OperativeParagraph & { request: CouncilRequest }> {
  return outcome.paragraphs.filter((p): p is OperativeParagraph & { request: CouncilRequest } =>
    Boolean(p.request),
  );
}
