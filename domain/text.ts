/**
 * The one text rule at every boundary, and the instant format. What a person writes may carry
 * newlines and tabs, nothing else from the control range, and no bidirectional overrides (the page
 * or mail sets the direction; an override could disguise a name or a date). A one-line field (a
 * title, a name) refuses newlines too. So no accepted text can later make a mail header, a subject,
 * an ICS line or a document invalid.
 */
import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_EXCEPT_TAB_NEWLINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/u;
const LINE_BREAK = /[\n\u2028\u2029]/u;

/** CR LF and lone CR become LF, and the Unicode line/paragraph separators too: clearly the same thing. */
function normalizeNewlines(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[\u2028\u2029]/g, '\n');
}

function textRule(max: number, oneLine: boolean) {
  return z
    .string()
    .transform(normalizeNewlines)
    .pipe(
      z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(max, `must be at most ${max.toLocaleString('en')} characters`)
        .refine((v) => !CONTROL_EXCEPT_TAB_NEWLINE.test(v), {
          message: 'must not contain control characters (only newlines and tabs are allowed)',
        })
        .refine((v) => !BIDI_CONTROLS.test(v), {
          message:
            'must not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069); the page sets the direction',
        })
        .refine((v) => !oneLine || !LINE_BREAK.test(v), { message: 'must be one line (no line breaks)' })
        .refine((v) => !oneLine || !v.includes('\t'), { message: 'must be one line (no tabs)' }),
    );
}

/** Free text written by a person (a summary, a comment, a reason); paragraphs allowed. */
export const Text = (max: number) => textRule(max, false);

/** A title, a name, a subject: one line. */
export const Line = (max: number) => textRule(max, true);

/** An instant with its offset, as it crosses every boundary (JSON has no Date). */
export const Instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO date-time with offset, e.g. 2026-09-22T10:00:00-04:00',
});

// ── For data already accepted, on its way into mail ───────────────────────────────────────────────

const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]+/gu;

/** Collapses control characters (CR, LF, TAB, NUL…) into single spaces: a header stays one line. */
export function toOneLine(value: string): string {
  return value.replace(CONTROL_CHARACTERS, ' ').replace(/ {2,}/g, ' ').trim();
}
