/**
 * The submit form's fields and how they become the Update's payload. The form is a fixed number
 * of rows (it works without JavaScript); empty rows are left out, and everything else goes to the
 * Update's validator as typed, so the rules stay in one place (domain/working-group.ts).
 */
import { z } from 'zod';
import type { UploadedFile } from '../domain/uploads';
import type { SubmitInputRequest } from '../domain/working-group';

export const AGENDA_ROWS = 3;
export const RECOMMENDATION_ROWS = 3;
export const PAPER_ROWS = 2;

const field = z.string().optional().default('');

/** Every field of the submit form, as strings (what a browser sends). */
export const SubmitForm = z.object({
  summary: field,
  ...rows(AGENDA_ROWS, (n) => [`item${n}Title`, `item${n}Description`, `item${n}Area`, `item${n}Duration`]),
  ...rows(RECOMMENDATION_ROWS, (n) => [`rec${n}`]),
  // paper{n}File is the upload itself (portal/papers.ts); Kept is the id of one already in the store.
  ...rows(PAPER_ROWS, (n) => [`paper${n}Title`, `paper${n}Link`, `paper${n}Kept`, `paper${n}Drop`]),
});
export type SubmitForm = Record<string, string>;

function rows(count: number, names: (n: number) => string[]): Record<string, typeof field> {
  const shape: Record<string, typeof field> = {};
  for (let n = 1; n <= count; n++) for (const name of names(n)) shape[name] = field;
  return shape;
}

const filled = (...values: string[]) => values.some((v) => v.trim() !== '');
const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** A row's uploaded paper, with the link it is downloaded from. */
export interface PaperFile {
  file: UploadedFile;
  ref: string;
}

export function inputFromForm(
  form: SubmitForm,
  files: ReadonlyMap<number, PaperFile> = new Map(),
): SubmitInputRequest['input'] {
  const f = (name: string) => form[name] ?? '';
  return {
    summary: f('summary'),
    agendaItems: range(AGENDA_ROWS)
      .filter((n) => filled(f(`item${n}Title`), f(`item${n}Description`), f(`item${n}Area`)))
      .map((n) => ({
        title: f(`item${n}Title`),
        description: f(`item${n}Description`),
        area: f(`item${n}Area`),
        durationMinutes: Number(f(`item${n}Duration`) || Number.NaN),
      })),
    draftRecommendations: range(RECOMMENDATION_ROWS)
      .filter((n) => filled(f(`rec${n}`)))
      .map((n) => ({ text: f(`rec${n}`) })),
    attachments: range(PAPER_ROWS)
      .filter((n) => files.has(n) || filled(f(`paper${n}Title`), f(`paper${n}Link`)))
      .map((n) => paperOf(f(`paper${n}Title`), f(`paper${n}Link`), files.get(n))),
  };
}

/** An uploaded paper is titled by its file's name unless the chair gave a title. */
function paperOf(title: string, link: string, paper: PaperFile | undefined) {
  if (!paper) return { title, ref: link };
  return { title: title.trim() || paper.file.name, ref: paper.ref, file: paper.file };
}

/** The form filled with a submission already in, for a revision. */
export function formFromInput(input: SubmitInputRequest['input'] | undefined): SubmitForm {
  const form: SubmitForm = { summary: input?.summary ?? '' };
  range(AGENDA_ROWS).forEach((n) => {
    const item = input?.agendaItems[n - 1];
    form[`item${n}Title`] = item?.title ?? '';
    form[`item${n}Description`] = item?.description ?? '';
    form[`item${n}Area`] = item?.area ?? '';
    form[`item${n}Duration`] = item ? String(item.durationMinutes) : '';
  });
  range(RECOMMENDATION_ROWS).forEach(
    (n) => (form[`rec${n}`] = input?.draftRecommendations?.[n - 1]?.text ?? ''),
  );
  range(PAPER_ROWS).forEach((n) => {
    const paper = input?.attachments?.[n - 1];
    form[`paper${n}Title`] = paper?.title ?? '';
    // An uploaded paper is kept by its id; its link is the portal's, not one the chair typed.
    form[`paper${n}Link`] = paper?.file ? '' : (paper?.ref ?? '');
    form[`paper${n}Kept`] = paper?.file?.id ?? '';
  });
  return form;
}

export const ReviewForm = z.object({
  version: z.coerce.number().int().positive(),
  decision: z.enum(['accept', 'revise']),
  comments: z.string().optional().default(''),
});

export const ExtensionForm = z.object({ until: field, reason: field });

export const DecideExtensionForm = z.object({
  grant: z.enum(['yes', 'no']),
  reason: z.string().optional().default(''),
});
