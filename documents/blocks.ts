/**
 * A document as a few kinds of block, rendered to Markdown and to HTML from the same source, so the
 * two never disagree. Every text is escaped for its target.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'facts'; rows: [string, string][] }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'note'; text: string }
  /** Text shown exactly as it is (a specification in YAML): monospaced, never reflowed. */
  | { kind: 'code'; text: string };

/** `label` writes a fact's label before its value ("Opens:", "Ouverture :"). */
export function toMarkdown(blocks: Block[], label: (text: string) => string = (k) => `${k}:`): string {
  return blocks.map((b) => blockToMarkdown(b, label)).join('\n\n') + '\n';
}

function blockToMarkdown(b: Block, label: (text: string) => string): string {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${md(b.text)}`;
    case 'paragraph':
      return md(b.text);
    case 'facts':
      return b.rows.map(([k, v]) => `- **${md(label(k))}** ${md(v)}`).join('\n');
    case 'list':
      return b.items
        .map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${md(item).replace(/\n/g, '\n   ')}`)
        .join('\n');
    case 'note':
      return `> ${md(b.text)}`;
    case 'code':
      return `~~~~\n${b.text.replace(/\n$/, '')}\n~~~~`;
  }
}

/** `page.language` and `page.dir` become the document's `lang` and `dir`. */
export function toHtml(
  title: string,
  blocks: Block[],
  page: { language: string; dir: 'ltr' | 'rtl' },
): string {
  const body = blocks.map(blockToHtml).join('\n');
  return `<!doctype html>\n<html lang="${html(page.language)}" dir="${page.dir}"><head><meta charset="utf-8"><title>${html(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5;padding:0 1rem}
.note{border-left:4px solid #b45309;background:#fffbeb;padding:.5rem 1rem}dt{font-weight:600}</style></head>
<body>\n${body}\n</body></html>\n`;
}

function blockToHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${html(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p>${html(b.text).replace(/\n/g, '<br>')}</p>`;
    case 'facts':
      return `<dl>${b.rows.map(([k, v]) => `<dt>${html(k)}</dt><dd>${html(v)}</dd>`).join('')}</dl>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${html(i).replace(/\n/g, '<br>')}</li>`).join('')}</${tag}>`;
    }
    case 'note':
      return `<p class="note">${html(b.text)}</p>`;
    case 'code':
      return `<pre>${html(b.text)}</pre>`;
  }
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function html(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Markdown-significant characters a person typed must not become markup: inline markers anywhere,
 * and at the start of a line the markers of lists (-, +, 1.), setext headings and rules (=, -) and
 * fences (~), which a line of a person's paragraph could otherwise begin.
 */
export function md(text: string): string {
  return text
    .replace(/([\\`*_{}[\]<>#|])/g, '\\$1')
    .replace(/^([ \t]*)([-+=~])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}
