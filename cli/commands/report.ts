/** `convene report implementation`: every decision's status and last report, as md, csv or json. */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Client } from '@temporalio/client';
import { listDecisions } from '../../clients/decisions';
import type { Settings } from '../../config/settings';
import type { DecisionView } from '../../domain/decision-record';
import {
  renderReport,
  reportRow,
  REPORT_FORMATS,
  type ReportFormat,
} from '../../domain/implementation-report';
import { decisionStatusQuery } from '../../workflows/definitions/decision-tracking';
import type { Output } from '../output';
import { withClient } from '../temporal';

/** Fills in `convene report` (its name and description are in cli/main.ts). */
export function registerReport(command: Command, output: () => Output): void {
  const report = command;
  report
    .command('implementation')
    .description("the implementation of decisions: each one's status, lead, due date and last report")
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('md'))
    .option('--edition <edition>', 'only the decisions of this meeting, e.g. 7')
    .option('--rehearsal', 'rehearsal decisions instead of real ones')
    .option('--out <file>', 'write to this file instead of the terminal')
    .addHelpText(
      'after',
      '\nExamples:\n  $ convene report implementation\n  $ convene report implementation --format csv --edition 7 --out hlm-7-implementation.csv',
    )
    .action(async (o: { format: ReportFormat; edition?: string; rehearsal?: boolean; out?: string }) => {
      await withClient(async (client, settings) => {
        const views = await decisionViews(client, settings, o);
        // --json on the program means JSON whatever --format says: scripts ask for it that way.
        const format = output().json ? 'json' : o.format;
        const now = new Date();
        const rows = views.map((view) => reportRow(view, now.getTime()));
        const text = renderReport(rows, format, now.toISOString());
        if (o.out) {
          writeFileSync(o.out, text);
          console.error(output().t.t('cli.report.wrote', { count: views.length, file: o.out }));
        } else process.stdout.write(text);
      });
    });
}

/** Every decision the deployment tracks (closed ones while the namespace keeps them), queried in small batches. */
async function decisionViews(
  client: Client,
  settings: Settings,
  o: { edition?: string; rehearsal?: boolean },
): Promise<DecisionView[]> {
  const listings = await listDecisions(client, {
    taskQueue: settings.taskQueue,
    rehearsal: Boolean(o.rehearsal),
    ...(o.edition ? { edition: o.edition } : {}),
  });
  const views: DecisionView[] = [];
  for (let i = 0; i < listings.length; i += 8) {
    const batch = listings.slice(i, i + 8);
    views.push(
      ...(await Promise.all(batch.map((d) => client.workflow.getHandle(d.id).query(decisionStatusQuery)))),
    );
  }
  return views;
}
