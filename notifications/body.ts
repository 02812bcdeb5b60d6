/**
 * A message body as a few kinds of block, rendered both as HTML and as plain text, so the two
 * versions of a message cannot drift apart. Every string here is plain text; only the HTML
 * renderer adds markup, and it escapes all it is given.
 */

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'facts'; facts: Fact[] }
  | { type: 'list'; title: string; items: string[]; numbered: boolean }
  | { type: 'quote'; title: string; text: string }
  | { type: 'action'; label: string; url: string }
  | { type: 'notice'; text: string };

export type Fact = readonly [label: string, value: string];

/** Templates write optional parts inline; `undefined` entries are simply left out. */
export type Body = Array<Block | undefined>;

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });
export const facts = (...entries: Array<Fact | undefined>): Block => ({
  type: 'facts',
  facts: entries.filter((f): f is Fact => f !== undefined),
});
export const list = (title: string, items: string[], numbered = false): Block | undefined =>
  items.length ? { type: 'list', title, items, numbered } : undefined;
/** Someone's own words (a reviewer's comments, a reason), kept as they wrote them. */
export const quote = (title: string, text: string | undefined): Block | undefined =>
  text === undefined ? undefined : { type: 'quote', title, text };
export const action = (label: string, url: string | undefined): Block | undefined =>
  url === undefined ? undefined : { type: 'action', label, url };
export const notice = (text: string): Block => ({ type: 'notice', text });

const WIDTH = 72;

/** How a label reads before its value: "Input due:", "Contribution attendue le :", "截止时间：". */
export type LabelStyle = (label: string) => string;
const plainLabel: LabelStyle = (label) => `${label}:`;

export function renderText(body: Body, label: LabelStyle = plainLabel): string {
  return present(body)
    .map((b) => blockText(b, label))
    .join('\n\n');
}

/** `dir` sets which side facts align to and quotes are ruled on; text direction is the document's. */
export function renderHtml(body: Body, dir: 'ltr' | 'rtl' = 'ltr'): string {
  const style = dir === 'rtl' ? RTL_STYLE : STYLE;
  return present(body)
    .map((b) => blockHtml(b, style))
    .join('\n');
}

function present(body: Body): Block[] {
  return body.filter((b): b is Block => b !== undefined);
}

function blockText(block: Block, label: LabelStyle): string {
  switch (block.type) {
    case 'paragraph':
      return wrap(block.text);
    case 'facts': {
      const labels = block.facts.map(([name]) => label(name));
      const width = Math.max(...labels.map((l) => l.length));
      return block.facts.map(([, value], i) => `${labels[i]!.padEnd(width + 1)}${value}`).join('\n');
    }
    case 'list':
      return [
        label(block.title),
        ...block.items.map((item, i) => {
          const bullet = block.numbered ? `${`${i + 1}.`.padStart(4)} ` : '  - ';
          return wrap(item, bullet, ' '.repeat(bullet.length));
        }),
      ].join('\n');
    case 'quote':
      return `${label(block.title)}\n${paragraphs(block.text)
        .map((p) => wrap(p, '> '))
        .join('\n>\n')}`;
    case 'action':
      return `${label(block.label)} ${block.url}`;
    case 'notice': {
      const rule = '*'.repeat(WIDTH);
      return [rule, wrap(block.text), rule].join('\n');
    }
  }
}

const STYLE = {
  p: 'margin:0 0 14px;line-height:1.5',
  th: 'text-align:left;vertical-align:top;padding:3px 16px 3px 0;color:#555;font-weight:normal;white-space:nowrap',
  td: 'vertical-align:top;padding:3px 0',
  quote: 'margin:0 0 14px;padding:4px 14px;border-left:3px solid #bbb;color:#333',
  button:
    'display:inline-block;padding:8px 16px;background:#1f5f99;color:#fff;text-decoration:none;border-radius:4px',
  notice: 'margin:0 0 16px;padding:10px 14px;background:#fff3cd;border:1px solid #e0c060;font-weight:bold',
};
type Style = typeof STYLE;

/** Mail clients honour few logical CSS properties, so right-to-left mail gets mirrored ones. */
const RTL_STYLE: Style = {
  ...STYLE,
  th: 'text-align:right;vertical-align:top;padding:3px 0 3px 16px;color:#555;font-weight:normal;white-space:nowrap',
  quote: 'margin:0 0 14px;padding:4px 14px;border-right:3px solid #bbb;color:#333',
};

function blockHtml(block: Block, style: Style): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="${style.p}">${htmlText(block.text)}</p>`;
    case 'facts':
      return `<table role="presentation" style="margin:0 0 14px;border-collapse:collapse">${block.facts
        .map(
          ([label, value]) =>
            `<tr><th style="${style.th}">${htmlText(label)}</th><td style="${style.td}">${htmlText(value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'list': {
      const tag = block.numbered ? 'ol' : 'ul';
      const items = block.items.map((item) => `<li>${htmlText(item)}</li>`).join('');
      return `<p style="${style.p}"><strong>${htmlText(block.title)}</strong></p><${tag} style="margin:0 0 14px">${items}</${tag}>`;
    }
    case 'quote':
      // What a person wrote keeps its own direction: an English comment in an Arabic mail reads left to right.
      return `<p style="${style.p}"><strong>${htmlText(block.title)}</strong></p><blockquote style="${style.quote}">${paragraphs(
        block.text,
      )
        .map((p) => `<p dir="auto" style="${style.p}">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
        .join('')}</blockquote>`;
    case 'action':
      return `<p style="${style.p}"><a href="${escapeHtml(block.url)}" style="${style.button}">${htmlText(block.label)}</a></p>`;
    case 'notice':
      return `<div style="${style.notice}">${htmlText(block.text)}</div>`;
  }
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Text for HTML: escaped, and each isolated run (U+2068 … U+2069, which the catalogs put around
 * names and titles in right-to-left mail) made a <bdi>, which every HTML renderer understands.
 */
export function htmlText(text: string): string {
  return escapeHtml(text).replace(/\u2068([^\u2068\u2069]*)\u2069/g, '<bdi>$1</bdi>');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Wraps at 72 columns, so the plain-text part reads well in any mail client. */
export function wrap(text: string, first = '', rest = first): string {
  const lines: string[] = [];
  for (const source of text.split(/\r?\n/)) {
    let line = '';
    for (const word of source.split(/\s+/).filter(Boolean)) {
      const prefix = lines.length ? rest : first;
      if (line && prefix.length + line.length + 1 + word.length > WIDTH) {
        lines.push(prefix + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push((lines.length ? rest : first) + line);
  }
  return lines.join('\n');
}
