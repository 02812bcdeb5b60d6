/**
 * The frame every message shares: a header naming the meeting, a banner on rehearsals, and a
 * footer saying why the recipient gets the message and whom to ask.
 */
import { escapeHtml, notice, renderHtml, renderText, wrap, type Body } from './body';
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

const REHEARSAL_NOTICE =
  'REHEARSAL: this message comes from a practice run of the preparation cycle. It concerns no real meeting and asks nothing of you.';

export function layout(letter: Letter, frame: Frame): RenderedMessage {
  const heading = `convene — ${frame.edition.title}`;
  const body: Body = [frame.rehearsal ? notice(REHEARSAL_NOTICE) : undefined, ...letter.body];
  const why = `You receive this message because ${letter.reason}.`;
  const ask = `Questions: ${frame.contact.name} <${frame.contact.email}>`;
  return {
    subject: subjectLine(letter.subject, frame.rehearsal),
    text: [
      heading,
      '='.repeat(Math.min(heading.length, 72)),
      '',
      renderText(body),
      '',
      '-- ',
      wrap(why),
      ask,
      '',
    ].join('\n'),
    html: htmlDocument(heading, renderHtml(body), why, frame.contact),
  };
}

/** Subjects are built from user-given names; `toOneLine` keeps them from breaking the header. */
function subjectLine(subject: string, rehearsal: boolean): string {
  return toOneLine(`${rehearsal ? '[REHEARSAL] ' : ''}${subject}`);
}

function htmlDocument(heading: string, content: string, why: string, contact: Contact): string {
  const mailto = `mailto:${contact.email}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(heading)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4;font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#222">
<div style="max-width:640px;margin:0 auto;background:#fff">
<div style="padding:14px 24px;background:#1f5f99;color:#fff;font-size:16px;font-weight:bold">${escapeHtml(heading)}</div>
<div style="padding:20px 24px">
${content}
</div>
<div style="padding:14px 24px;border-top:1px solid #ddd;color:#666;font-size:13px;line-height:1.5">${escapeHtml(why)}<br>Questions: <a href="${escapeHtml(mailto)}" style="color:#1f5f99">${escapeHtml(contact.name)} &lt;${escapeHtml(contact.email)}&gt;</a></div>
</div>
</body></html>
`;
}
