/**
 * The documents of a cycle: the draft agenda (for comment), the final agenda and the outcome report.
 * Agenda items keep which group proposed them; standing items carry forward what earlier meetings
 * left open.
 */
import { z } from 'zod';
import { CARRY_FORWARD_ITEMS } from '../domain/committee';
import { DOCUMENT_KINDS } from '../domain/documents';
import type { Block } from './blocks';

export const AgendaEntry = z.object({
  title: z.string(),
  description: z.string(),
  area: z.string(),
  durationMinutes: z.number(),
  /** The working group that proposed it, or "Standing item". */
  proposedBy: z.string(),
  late: z.boolean().default(false),
  unreviewed: z.boolean().default(false),
});
export type AgendaEntry = z.infer<typeof AgendaEntry>;

export const DocumentRequest = z.object({
  kind: z.enum(DOCUMENT_KINDS),
  /** The cycle's workflow id, e.g. hlm-7. */
  cycleId: z.string().regex(/^[a-z0-9-]+$/),
  edition: z.object({ number: z.number(), title: z.string() }),
  rehearsal: z.boolean().default(false),
  meeting: z.object({ start: z.string(), end: z.string(), timeZone: z.string(), venue: z.string() }),
  items: z.array(AgendaEntry).default([]),
  standing: z
    .object({
      decisions: z.array(
        z.object({
          ref: z.string(),
          text: z.string(),
          status: z.string(),
          yearsOpen: z.number(),
          lastReport: z.string().optional(),
        }),
      ),
      ideas: z.array(z.object({ text: z.string(), proposedBy: z.string() })),
    })
    .default({ decisions: [], ideas: [] }),
  comments: z
    .array(
      z.object({ by: z.string(), organization: z.string(), text: z.string(), item: z.string().optional() }),
    )
    .default([]),
  missingGroups: z.array(z.string()).default([]),
  summary: z.string().optional(),
  decisions: z
    .array(
      z.object({
        ref: z.string(),
        text: z.string(),
        area: z.string(),
        lead: z.string(),
        responsible: z.array(z.string()),
        dueDate: z.string(),
      }),
    )
    .default([]),
});
export type DocumentRequest = z.input<typeof DocumentRequest>;
export type DocumentData = z.infer<typeof DocumentRequest>;

const TITLES = {
  'draft-agenda': 'Draft agenda',
  'final-agenda': 'Agenda',
  'outcome-report': 'Outcome report',
} as const;

export function documentTitle(d: DocumentData): string {
  return `${d.rehearsal ? '[REHEARSAL] ' : ''}${TITLES[d.kind]} — ${d.edition.title}`;
}

/** `when` renders an instant in the meeting's zone (given by the caller, which owns the clock library). */
export function documentBlocks(d: DocumentData, when: (iso: string) => string): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: documentTitle(d) }];
  if (d.rehearsal)
    blocks.push({
      kind: 'note',
      text: 'REHEARSAL: this document was produced by a rehearsal of the cycle; nothing in it is real.',
    });
  blocks.push({
    kind: 'facts',
    rows: [
      ['Opens', when(d.meeting.start)],
      ['Closes', when(d.meeting.end)],
      ['Venue', d.meeting.venue],
    ],
  });
  if (d.kind === 'outcome-report') return [...blocks, ...outcomeBlocks(d, when)];
  if (d.kind === 'draft-agenda') {
    blocks.push({
      kind: 'paragraph',
      text: 'This draft is circulated for comment by the focal points of the participating organizations.',
    });
  }
  blocks.push({ kind: 'heading', level: 2, text: 'Items proposed by the working groups' });
  blocks.push({ kind: 'list', ordered: true, items: d.items.map(itemText) });
  if (d.missingGroups.length) {
    blocks.push({ kind: 'note', text: `No input was received from: ${d.missingGroups.join(', ')}.` });
  }
  blocks.push(...standingBlocks(d));
  if (d.comments.length) {
    blocks.push({ kind: 'heading', level: 2, text: 'Comments received on the draft' });
    blocks.push({
      kind: 'list',
      ordered: false,
      items: d.comments.map(
        (c) => `${c.organization.toUpperCase()} (${c.by})${c.item ? ` on “${c.item}”` : ''}: ${c.text}`,
      ),
    });
  }
  return blocks;
}

function itemText(i: AgendaEntry): string {
  const flags = [i.late ? 'received late' : '', i.unreviewed ? 'not yet reviewed' : '']
    .filter(Boolean)
    .join(', ');
  return `${i.title} — ${i.durationMinutes} min, ${i.area}; proposed by ${i.proposedBy}${flags ? ` (${flags})` : ''}\n${i.description}`;
}

function standingBlocks(d: DocumentData): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: 'Standing items' }];
  blocks.push({ kind: 'heading', level: 3, text: CARRY_FORWARD_ITEMS.decisions });
  blocks.push(
    d.standing.decisions.length
      ? {
          kind: 'list',
          ordered: false,
          items: d.standing.decisions.map(
            (x) =>
              `${x.ref}: ${x.text} — ${x.status}, open ${x.yearsOpen.toFixed(1)} years${x.lastReport ? `; last report: ${x.lastReport}` : ''}`,
          ),
        }
      : { kind: 'paragraph', text: 'Every decision of previous meetings has been verified as implemented.' },
  );
  blocks.push({ kind: 'heading', level: 3, text: CARRY_FORWARD_ITEMS.ideas });
  blocks.push(
    d.standing.ideas.length
      ? {
          kind: 'list',
          ordered: false,
          items: d.standing.ideas.map((x) => `${x.text} (proposed by ${x.proposedBy})`),
        }
      : { kind: 'paragraph', text: 'No proposals since the last meeting.' },
  );
  return blocks;
}

function outcomeBlocks(d: DocumentData, when: (iso: string) => string): Block[] {
  const blocks: Block[] = [];
  if (d.summary)
    blocks.push({ kind: 'heading', level: 2, text: 'Summary' }, { kind: 'paragraph', text: d.summary });
  blocks.push({ kind: 'heading', level: 2, text: 'Decisions' });
  blocks.push(
    d.decisions.length
      ? {
          kind: 'list',
          ordered: false,
          items: d.decisions.map(
            (x) =>
              `${x.ref} (${x.area}): ${x.text}\nLead: ${x.lead.toUpperCase()}; responsible: ${x.responsible.map((r) => r.toUpperCase()).join(', ') || 'none'}; due ${when(x.dueDate)}`,
          ),
        }
      : { kind: 'paragraph', text: 'No decisions were taken.' },
  );
  return blocks;
}
