/**
 * The partner directory: loaded from a data file, validated with zod at start, then served to
 * workflows by the directory activity. A broken file stops start-up with one line per problem.
 */
import { readFileSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { languageFor } from '../domain/language';
import { Organization } from '../domain/organization';
import {
  ConfigError,
  describeIssues,
  problem,
  sources,
  type ConfigProblem,
  type ConfigSource,
} from './problems';

const DirectoryFile = z.object({
  organizations: z.array(Organization).min(1, 'must list at least one organization'),
});

/** A loose view of the raw file, enough to check ids and zones even where other fields are broken. */
const LooseDirectory = z.object({
  organizations: z.array(
    z.looseObject({
      id: z.unknown().optional(),
      headquarters: z.looseObject({ timeZone: z.unknown().optional() }).optional(),
      focalPoints: z.array(z.looseObject({ timeZone: z.unknown().optional() })).optional(),
    }),
  ),
});

/** Rules across entries (unique ids) and against the time-zone database, reported with the rest. */
function crossChecks(raw: unknown): ConfigProblem[] {
  const loose = LooseDirectory.safeParse(raw);
  if (!loose.success) return [];
  const problems: ConfigProblem[] = [];
  const seen = new Map<unknown, number>();
  loose.data.organizations.forEach((org, i) => {
    const first = seen.get(org.id);
    if (first !== undefined)
      problems.push(
        problem('config.problem.duplicateId', {
          where: `organizations.${i}.id`,
          id: String(org.id),
          first: `organizations.${first}`,
        }),
      );
    else seen.set(org.id, i);
    const zones: [string, unknown][] = [
      [`organizations.${i}.headquarters.timeZone`, org.headquarters?.timeZone],
      ...(org.focalPoints ?? []).map((p, j): [string, unknown] => [
        `organizations.${i}.focalPoints.${j}.timeZone`,
        p.timeZone,
      ]),
    ];
    for (const [where, zone] of zones) {
      if (typeof zone === 'string' && !IANAZone.isValidZone(zone)) {
        problems.push(problem('config.problem.unknownZone', { where, zone, example: 'Europe/Brussels' }));
      }
    }
  });
  return problems;
}

export class Directory {
  private readonly byId: Map<string, Organization>;

  constructor(readonly organizations: readonly Organization[]) {
    this.byId = new Map(organizations.map((o) => [o.id, o]));
  }

  get(id: string): Organization | undefined {
    return this.byId.get(id);
  }

  /** The organization, or an error naming the unknown id and the known ones. */
  require(id: string): Organization {
    const org = this.byId.get(id);
    if (!org) throw new Error(`unknown organization "${id}"; known ids: ${[...this.byId.keys()].join(', ')}`);
    return org;
  }

  /** The organization a person is a focal point of, by address. */
  organizationOf(email: string): Organization | undefined {
    const wanted = email.toLowerCase();
    return this.organizations.find((o) => o.focalPoints.some((p) => p.email === wanted));
  }
}

/**
 * Where a person of an organization lives and what they read: their own zone and language when they
 * gave them, else the organization's headquarters zone and first working language. Every place that turns a contact into a participant uses this.
 */
export function placeIn(org: Organization, person: { timeZone?: string; language?: string }) {
  return {
    organization: org.id,
    timeZone: person.timeZone ?? org.headquarters.timeZone,
    language: languageFor(person, org.workingLanguages),
  };
}

export function parseDirectory(raw: unknown, source: ConfigSource): Directory {
  const parsed = DirectoryFile.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : describeIssues(parsed.error.issues, { value: raw })),
    ...crossChecks(raw),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(source, problems);
  return new Directory(parsed.data.organizations);
}

export function loadDirectory(file: string): Directory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(sources.directory(file), [
      problem('config.problem.directoryUnreadable', {
        reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message,
      }),
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(sources.directory(file), [
      problem('config.problem.notValid', { format: 'JSON', reason: (err as Error).message }),
    ]);
  }
  return parseDirectory(raw, sources.directory(file));
}
