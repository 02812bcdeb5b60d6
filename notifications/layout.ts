/**
 * The frame every message shares: a header naming the meeting, a banner on rehearsals, and a
 * footer saying why the recipient gets the message and whom to ask; in the recipient's language,
 * with the HTML's `lang` and `dir` set from it.
 */
import type { Translator } from '../i18n/catalog';
import { escapeHtml, htmlText, notice, renderHtml, renderText, wrap, type Body } from './body';
import { toOneLine, type Contact, type Edition } from './fields';

/** What a template writes: the rest is the layout's job. */
export interface Letter {
  subject: string;
  /** Completes "You receive this message because …". */
  reason: string;
  body: Body;
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

export interface Frame {
  edition: Edition;
  contact: Contact;
  rehearsal: boolean;
}

export function layout(letter: Letter, frame: Frame, t: Translator): RenderedMessage {
  const heading = t.t('mail.heading', { title: frame.edition.title });
  const body: Body = [frame.rehearsal ? notice(t.t('mail.rehearsalNotice')) : undefined, ...letter.body];
  const why = t.t('mail.why', { reason: letter.reason });
  const ask = `${t.t('format.label', { label: t.t('mail.questions') })} ${t.t('mail.person', { name: frame.contact.name, email: frame.contact.email })}`;
  return {
    subject: subjectLine(t, letter.subject, frame.rehearsal),
    text: [
      heading,
      '='.repeat(Math.min(heading.length, 72)),
      '',
      renderText(body, (label) => t.t('format.label', { label })),
      '',
      '-- ',
      wrap(why),
      ask,
      '',
    ].join('\n'),
    html: htmlDocument(t, heading, renderHtml(body, t.dir), why, frame.contact),
  };
}

/** Subjects are built from user-given names; `toOneLine` keeps them from breaking the header. */
function subjectLine(t: Translator, subject: string, rehearsal: boolean): string {
  return toOneLine(t.t('mail.subject', { subject, rehearsal: rehearsal ? 'yes' : 'no' }));
}

function htmlDocument(
  t: Translator,
  heading: string,
  content: string,
  why: string,
  contact: Contact,
): string {
  const mailto = `mailto:${contact.email}`;
  return `<!doctype html>
<html lang="${escapeHtml(t.language)}" dir="${t.dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(heading)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#222">
<div style="max-width:640px;margin:0 auto;background:#fff">
<div style="padding:14px 24px;background:#1f5f99;color:#fff;font-size:16px;font-weight:bold">${htmlText(heading)}</div>
<div style="padding:20px 24px">
${content}
</div>
<div style="padding:14px 24px;border-top:1px solid #ddd;color:#666;font-size:13px;line-height:1.5">${htmlText(why)}<br>${htmlText(t.t('format.label', { label: t.t('mail.questions') }))} <a href="${escapeHtml(mailto)}" dir="ltr" style="color:#1f5f99"><bdi>${escapeHtml(contact.name)}</bdi> &lt;${escapeHtml(contact.email)}&gt;</a></div>
</div>
</body></html>
`;
}
