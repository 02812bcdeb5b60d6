import type { Command } from 'commander';
import { loadDirectory } from '../../config/directory';
import { loadSettings } from '../../config/settings';
import { printJson, printTable, type Output } from '../output';

/** Fills in `convene orgs` (its name and description are in cli/main.ts). */
export function registerOrgs(command: Command, output: () => Output): void {
  const orgs = command;
  orgs
    .command('list')
    .description('list the partner organizations, validated as the engine loads them')
    .addHelpText(
      'after',
      '\nExamples:\n  $ convene orgs list\n  $ convene orgs list --json | jq \'.[] | select(.kind == "subregional") | .acronym\'\n  $ CONVENE_DIRECTORY_FILE=my-directory.json convene orgs list',
    )
    .action(() => {
      const directory = loadDirectory(loadSettings().directoryFile);
      if (output().json) return printJson(directory.organizations);
      const { t } = output();
      printTable(
        (
          [
            'cli.col.id',
            'cli.col.acronym',
            'cli.col.kind',
            'cli.col.charterBasis',
            'cli.col.headquarters',
            'cli.col.timeZone',
            'cli.col.weekend',
          ] as const
        ).map((k) => t.t(k)),
        directory.organizations.map((o) => [
          o.id,
          o.acronym,
          o.kind,
          o.charterBasis,
          o.headquarters.city,
          o.headquarters.timeZone,
          o.weekendDays.map((d) => d.slice(0, 3)).join('–'),
        ]),
      );
      console.log(`\n${t.t('cli.orgs.count', { count: directory.organizations.length })}`);
    });
}
