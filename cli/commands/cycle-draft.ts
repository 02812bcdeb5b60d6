/** `convene cycle draft-next <edition>`: next year's cycle specification, drafted from this one. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { WorkflowNotFoundError } from '@temporalio/client';
import { loadDirectory } from '../../config/directory';
import { draftNextCycle, draftNextCycleFile } from '../../config/next-cycle';
import { cyclePlanQuery } from '../../workflows/definitions/preparation-cycle';
import { cycleHandle } from '../cycle-target';
import { printJson, UserError, type Output } from '../output';
import { withClient } from '../temporal';

export function registerDraftNext(cycle: Command, output: () => Output): void {
  cycle
    .command('draft-next <edition>')
    .description("draft next year's specification: same partners, groups and chairs, dates 52 weeks on")
    .option('--out <file>', 'write it to this file instead of printing it')
    .addHelpText(
      'after',
      `
The meeting and the Security Council's meeting move by 52 weeks, so they keep their weekdays and
still coincide; check the dates with the Council presidency, edit, then launch it.

Example:
  $ convene cycle draft-next 27 --out hlm-28.yaml
  $ convene cycle start hlm-28.yaml --as amina.rahman@un.example.org`,
    )
    .action(async (edition: string, o: { out?: string }) => {
      await withClient(async (client, settings) => {
        const plan = await cycleHandle(client, edition)
          .query(cyclePlanQuery)
          .catch((err: unknown) => {
            if (err instanceof WorkflowNotFoundError) throw new UserError('cli.error.noCycle', { edition });
            throw err;
          });
        if (plan.rehearsal) {
          throw new UserError('cli.error.draftFromRehearsal', { edition });
        }
        const directory = loadDirectory(settings.directoryFile);
        const draft = draftNextCycle(plan, directory);
        if (output().json && !o.out) return printJson(draft);
        const origin = `Drafted from cycle ${plan.edition} on ${new Date().toISOString()}`;
        const text = draftNextCycleFile(plan, directory, origin);
        if (!o.out) return void process.stdout.write(text);
        writeFileSync(o.out, text, { mode: 0o600 });
        console.log(
          output().t.t('cli.cycleDraft.drafted', {
            edition: draft.edition,
            file: o.out,
            command: `\`convene cycle start ${o.out} --as <organizer>\``,
          }),
        );
      });
    });
}
