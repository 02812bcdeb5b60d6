import type { Command } from 'commander';
import { workflowIds } from '../../domain/ids';
import { HEALTH_CHECK_WORKFLOW, type HealthCheckWorkflow } from '../../workflows/definitions/health-check';
import { printJson, UserError, type Output } from '../output';
import { withClient } from '../temporal';

/** Fills in `convene doctor` (its name and description are in cli/main.ts). */
export function registerDoctor(command: Command, output: () => Output): void {
  command
    .option('--timeout <seconds>', 'how long to wait for a worker', '20')
    .addHelpText('after', '\nExample:\n  $ convene doctor   # after `npm start` in another terminal')
    .action(async (opts: { timeout: string }) => {
      await withClient(async (client, settings) => {
        const started = Date.now();
        const handle = await client.workflow.start<HealthCheckWorkflow>(HEALTH_CHECK_WORKFLOW, {
          taskQueue: settings.taskQueue,
          workflowId: workflowIds.directoryProbe(String(started)),
          args: [['un', 'au', 'eu']],
          workflowExecutionTimeout: `${Number(opts.timeout)} seconds`,
        });
        let result;
        try {
          result = await handle.result();
        } catch {
          throw new UserError('cli.error.noWorker', {
            queue: settings.taskQueue,
            seconds: String(opts.timeout),
          });
        }
        const report = {
          server: settings.temporal.address,
          namespace: settings.temporal.namespace,
          taskQueue: settings.taskQueue,
          roundTripMs: Date.now() - started,
          ...result,
        };
        if (output().json) return printJson(report);
        console.log(
          output().t.t('cli.doctor.ok', {
            server: report.server,
            namespace: report.namespace,
            queue: report.taskQueue,
            ms: report.roundTripMs,
            count: report.organizations,
            sample: report.sample.map((s) => `${s.acronym} ${s.timeZone}`).join(', '),
          }),
        );
      });
    });
}
