/**
 * The documents of a cycle: the draft agenda (for comment), the final agenda and the outcome report.
 * Agenda items keep which group proposed them; standing items carry forward what earlier meetings
 * left open. The boilerplate is the catalog's, in the document's language; what people wrote
 * (titles, descriptions, comments, the summary) stays as they wrote it.
 */
import { z } from 'zod';
import type { Translator } from '../i18n/catalog';
import { CYCLE_DOCUMENT_KINDS } from '../domain/documents';
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

/** A background paper of an input on the agenda: a link, or a file uploaded through the portal. */
export const PaperEntry = z.object({
  title: z.string(),
  group: z.string(),
  link: z.string(),
  file: z.object({ name: z.string(), type: z.string(), size: z.string(), sha256: z.string() }).optional(),
});
export type PaperEntry = z.infer<typeof PaperEntry>;

export const DocumentRequest = z.object({
  kind: z.enum(CYCLE_DOCUMENT_KINDS),
  /** The cycle's workflow id, e.g. hlm-7. */
  cycleId: z.string().regex(/^[a-z0-9-]+$/),
  edition: z.object({ number: z.number(), title: z.string() }),
  rehearsal: z.boolean().default(false),
  /** The language of the boilerplate (a tag from domain/language.ts); cycles before languages: English. */
  language: z.string().default('en'),
  meeting: z.object({ start: z.string(), end: z.string(), timeZone: z.string(), venue: z.string() }),
  items: z.array(AgendaEntry).default([]),
  papers: z.array(PaperEntry).default([]),
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

const KIND_WORDS = { 'draft-agenda': 'draft', 'final-agenda': 'final', 'outcome-report': 'outcome' } as const;

export function documentTitle(d: DocumentData, t: Translator): string {
  return t.t('doc.title', {
    kind: KIND_WORDS[d.kind],
    edition: d.edition.title,
    rehearsal: d.rehearsal ? 'yes' : 'no',
  });
}

/** `when` renders an instant in the meeting's zone (given by the caller, which owns the clock library). */
export function documentBlocks(d: DocumentData, when: (iso: string) => string, t: Translator): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 1, text: documentTitle(d, t) }];
  if (d.rehearsal) blocks.push({ kind: 'note', text: t.t('doc.rehearsalNote') });
  blocks.push({
    kind: 'facts',
    rows: [
      [t.t('doc.opens'), when(d.meeting.start)],
      [t.t('doc.closes'), when(d.meeting.end)],
      [t.t('label.venue'), d.meeting.venue],
    ],
  });
  if (d.kind === 'outcome-report') return [...blocks, ...outcomeBlocks(d, when, t)];
  if (d.kind === 'draft-agenda') blocks.push({ kind: 'paragraph', text: t.t('doc.draftNote') });
  blocks.push({ kind: 'heading', level: 2, text: t.t('doc.itemsHeading') });
  blocks.push({ kind: 'list', ordered: true, items: d.items.map((i) => itemText(i, t)) });
  if (d.missingGroups.length) {
    blocks.push({ kind: 'note', text: t.t('doc.missing', { groups: d.missingGroups.join(', ') }) });
  }
  blocks.push(...paperBlocks(d.papers, t));
  blocks.push(...standingBlocks(d, t));
  if (d.comments.length) {
    blocks.push({ kind: 'heading', level: 2, text: t.t('doc.commentsHeading') });
    blocks.push({
      kind: 'list',
      ordered: false,
      items: d.comments.map((c) =>
        t.t('doc.comment', {
          organization: c.organization.toUpperCase(),
          by: c.by,
          item: c.item ?? 'none',
          text: c.text,
        }),
      ),
    });
  }
  return blocks;
}

function itemText(i: AgendaEntry, t: Translator): string {
  const flags = [i.late ? t.t('doc.flag.late') : '', i.unreviewed ? t.t('doc.flag.unreviewed') : '']
    .filter(Boolean)
    .join(', ');
  const line = t.t('doc.item', {
    title: i.title,
    minutes: i.durationMinutes,
    area: i.area,
    group: i.proposedBy,
    flags: flags || 'none',
  });
  return `${line}\n${i.description}`;
}

/** The inputs' background papers, each with its link (and an upload's name, type, size, sha256). */
function paperBlocks(papers: PaperEntry[], t: Translator): Block[] {
  if (!papers.length) return [];
  const items = papers.map((p) =>
    t.t('doc.paper', {
      title: p.title,
      group: p.group,
      link: p.link,
      kind: p.file ? 'file' : 'link',
      ...p.file,
    }),
  );
  return [
    { kind: 'heading', level: 2, text: t.t('doc.papersHeading') },
    { kind: 'list', ordered: false, items },
  ];
}

/** A decision's status as the catalog names it; one it does not know reads as stored. */
const statusName = (status: string, t: Translator) => t.lookup(`status.${status}`) ?? status;

function standingBlocks(d: DocumentData, t: Translator): Block[] {
  const blocks: Block[] = [{ kind: 'heading', level: 2, text: t.t('doc.standingHeading') }];
  blocks.push({ kind: 'heading', level: 3, text: t.t('doc.standing.decisions') });
  blocks.push(
    d.standing.decisions.length
      ? {
          kind: 'list',
          ordered: false,
          items: d.standing.decisions.map((x) =>
            t.t('doc.standingDecision', {
              ref: x.ref,
              text: x.text,
              status: statusName(x.status, t),
              years: x.yearsOpen,
              last: x.lastReport ?? 'none',
            }),
          ),
        }
      : { kind: 'paragraph', text: t.t('doc.allVerified') },
  );
  blocks.push({ kind: 'heading', level: 3, text: t.t('doc.standing.ideas') });
  blocks.push(
    d.standing.ideas.length
      ? {
          kind: 'list',
          ordered: false,
          items: d.standing.ideas.map((x) => t.t('doc.idea', { text: x.text, by: x.proposedBy })),
        }
      : { kind: 'paragraph', text: t.t('doc.noIdeas') },
  );
  return blocks;
}

function outcomeBlocks(d: DocumentData, when: (iso: string) => string, t: Translator): Block[] {
  const blocks: Block[] = [];
  if (d.summary)
    blocks.push(
      { kind: 'heading', level: 2, text: t.t('doc.summary') },
      { kind: 'paragraph', text: d.summary },
    );
  blocks.push({ kind: 'heading', level: 2, text: t.t('doc.decisionsHeading') });
  blocks.push(
    d.decisions.length
      ? {
          kind: 'list',
          ordered: false,
          items: d.decisions.map((x) => {
            const responsible = x.responsible.map((r) => r.toUpperCase()).join(', ') || t.t('doc.nobody');
            const followUp = t.t('doc.decisionFollowUp', {
              lead: x.lead.toUpperCase(),
              responsible,
              due: when(x.dueDate),
            });
            return `${t.t('doc.decision', { ref: x.ref, area: x.area, text: x.text })}\n${followUp}`;
          }),
        }
      : { kind: 'paragraph', text: t.t('doc.noDecisions') },
  );
  return blocks;
}
