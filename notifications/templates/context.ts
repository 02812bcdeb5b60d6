import type { MessageKey, Translator, Values } from '../../i18n/catalog';
import type { Edition, RecipientInput } from '../fields';
import type { Letter } from '../layout';

/** What a template knows besides its data: whom it writes to, in which language, and how times read. */
export interface TemplateContext {
  recipient: RecipientInput;
  /** A catalog message in the recipient's language. */
  t: (key: MessageKey, values?: Values) => string;
  /** An instant as this recipient reads it: in their zone, then in the meeting's zone. */
  time: (instant: string) => string;
  translator: Translator;
}

export type Template<D> = (data: D, ctx: TemplateContext) => Letter;

/** "HLM 7": the short name subjects start with, so threads sort by meeting. */
export function hlm(edition: Pick<Edition, 'number'>, t: TemplateContext['t']): string {
  return t('mail.hlm', { number: edition.number });
}

/** What a subject starts with, in either series: "HLM 7", or "SC 2005" for a Council meeting. */
export function shortName(edition: Pick<Edition, 'number' | 'series'>, t: TemplateContext['t']): string {
  return edition.series === 'council' ? t('council.tag', { year: edition.number }) : hlm(edition, t);
}
