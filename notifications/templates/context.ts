import type { Edition, Recipient } from '../fields';
import type { Letter } from '../layout';

/** What a template knows besides its data: whom it writes to and how times read for them. */
export interface TemplateContext {
  recipient: Recipient;
  /** An instant as this recipient reads it: in their zone, then in the meeting's zone. */
  time: (instant: string) => string;
}

export type Template<D> = (data: D, ctx: TemplateContext) => Letter;

/** "HLM 7": the short name subjects start with, so threads sort by meeting. */
export function hlm(edition: Edition): string {
  return `HLM ${edition.number}`;
}
