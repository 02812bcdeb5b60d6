/** `convene document show`: a cycle's document (agenda, outcome report) from the shared store. */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { DOCUMENT_KINDS, type DocumentKind } from '../../domain/documents';
import { workflowIds } from '../../domain/ids';
import { DocumentStore } from '../../store/documents';
import { editionKeyOf } from '../cycle-target';
import { printJson, UserError, type Output } from '../output';
import { withStore } from '../store';

const FORMATS = ['md', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** `document` is created by cli/main.ts (it loads only the command being run). */
export function registerDocument(document: Command, output: () => Output): void {
  document
    .command('show')
    .description('print or save a document: the latest version, or the one --version names')
    .argument('<edition>', 'the meeting, e.g. 7, or r7 for a rehearsal')
    .argument('<kind>', `the document: ${DOCUMENT_KINDS.join(', ')}`)
    .addOption(new Option('--format <format>', 'Markdown or HTML').choices([...FORMATS]).default('md'))
    .option('--version <n>', 'a version number, as `convene cycle status` shows it', wholeNumber)
    .option('--out <file>', 'write to this file instead of the terminal')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ convene document show r7 draft-agenda\n' +
        '  $ convene document show r7 final-agenda --format html --out hlm-7-agenda.html\n' +
        '  $ convene document show r7 draft-agenda --version 1\n' +
        '  $ convene --json document show r7 outcome-report     # version, sha256 and both renderings',
    )
    .action(async (edition: string, kind: string, o: { format: Format; version?: number; out?: string }) => {
      const documentKind = kindOf(kind);
      const cycleId = workflowIds.cycle(editionKeyOf(edition));
      await withStore(async (store, keys) => {
        const d = await new DocumentStore(store, keys).get(cycleId, documentKind, o.version);
        if (!d) {
          throw new UserError('cli.error.noDocument', {
            edition,
            kind,
            hasVersion: o.version ? 'yes' : 'no',
            version: o.version ?? 0,
          });
        }
        if (output().json) return printJson(d);
        const text = o.format === 'html' ? d.html : d.markdown;
        if (!o.out) return void process.stdout.write(text.endsWith('\n') ? text : text + '\n');
        writeFileSync(o.out, text, { mode: 0o600 });
        console.error(
          output().t.t('cli.document.wrote', { id: d.id, version: d.version, sha: d.sha256, file: o.out }),
        );
      });
    });
}

function kindOf(kind: string): DocumentKind {
  const known = DOCUMENT_KINDS.find((k) => k === kind);
  if (!known) throw new UserError('cli.error.notDocument', { kind, kinds: DOCUMENT_KINDS.join(', ') });
  return known;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError('cli.error.versionOption', { got: value });
  return n;
}
