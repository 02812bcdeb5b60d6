import { eventually } from '../helpers/eventually';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { convene } from '../helpers/cli';
import { GROUPS, ORGANIZER } from '../helpers/cycle';
import { readOutbox } from '../helpers/outbox';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
let env: Record<string, string>;
beforeAll(async () => {
  t = await connectTestTemporal();
  env = {
    TEMPORAL_ADDRESS: t.settings.temporal.address,
    CONVENE_TASK_QUEUE: t.taskQueue,
    CONVENE_DATA_DIR: t.settings.dataDir,
  };
});
afterAll(() => t.close());

const examples = path.join(__dirname, '..', '..', 'config', 'examples');

/** The shipped 2027 example, moved to start in a minute with a timeline in seconds. */
function compressedSpecFile(edition: number): string {
  const spec = YAML.parse(readFileSync(path.join(examples, 'hlm-27-2027.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  // Three minutes ahead: each CLI call starts a process, which is slow on a loaded machine.
  const start = new Date(Date.now() + 180_000);
  spec.edition = edition;
  spec.meeting = {
    ...(spec.meeting as object),
    start: start.toISOString(),
    end: new Date(start.getTime() + 3_600_000).toISOString(),
  };
  delete spec.securityCouncil;
  spec.timeline = {
    callForInputs: 'PT179S',
    inputDeadline: 'PT100S',
    consolidationEnd: 'PT90S',
    commentPeriodEnd: 'PT60S',
    invitations: 'PT30S',
    outcomeReportDue: 'P1D',
    snapToBusinessDays: false,
  };
  spec.reminders = { offsets: ['PT10S'], overdueGrace: 'PT5S' };
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-spec-')), `hlm-${edition}.yaml`);
  writeFileSync(file, YAML.stringify(spec));
  return file;
}

test('an organizer drives a cycle from the CLI: start, start again, submit, a rejection, status, list, cancel', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const spec = compressedSpecFile(501);
    const started = await convene(['cycle', 'start', spec, '--as', ORGANIZER], env);
    expect(started.stderr).toBe('');
    expect(started.stdout).toMatch(/^Started: hlm-501/);
    expect(started.stdout).toMatch(
      /inputDeadline\s+\w+day \d+ \w+ \d{4}, \d\d:\d\d New York time \(E[SD]T\)/,
    );

    const again = await convene(['cycle', 'start', spec, '--as', ORGANIZER], env);
    expect(again.stdout).toMatch(/^Already running: hlm-501/);
    // Another specification under the running edition is refused, not attached to.
    const squat = await convene(['cycle', 'start', compressedSpecFile(501), '--as', ORGANIZER], env);
    expect(squat.code).toBe(1);
    expect(squat.stderr).toMatch(
      /hlm-501 is already running, started .* by amina\.rahman@un\.example\.org, from a different specification; nothing was started/,
    );

    const chair = GROUPS[2].chair;
    const submitted = await eventually(
      async () => {
        const r = await convene(
          [
            'input',
            'submit',
            '501',
            'peacekeeping',
            path.join(examples, 'input-peacekeeping.yaml'),
            '--as',
            chair,
          ],
          env,
        );
        return r.code === 0 && r;
      },
      { timeout: 45_000, what: 'the group to accept inputs' },
    );
    expect(submitted.stdout).toMatch(/^Received: peacekeeping version 1 at .* — on time; deadline /);

    const wrong = await convene(
      [
        'input',
        'submit',
        '501',
        'peacekeeping',
        path.join(examples, 'input-peacekeeping.yaml'),
        '--as',
        'someone@example.org',
      ],
      env,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toBe(
      'Rejected: only the chair of the Peacekeeping group, kwame.asante@au.example.org, may submit; you are someone@example.org',
    );
    const refused = await convene(
      [
        'input',
        'submit',
        '501',
        'peacekeeping',
        path.join(examples, 'input-peacekeeping.yaml'),
        '--as',
        'someone@example.org',
      ],
      { ...env, CONVENE_LANG: 'fr' },
    );
    // The frame and the workflow's sentence both in the reader's language; what people wrote (the
    // group's title, the addresses) as they wrote it.
    expect(refused.stderr.trim()).toBe(
      'Refusé : seul le président du groupe Peacekeeping, kwame.asante@au.example.org, peut soumettre ; vous êtes someone@example.org',
    );

    const status = await convene(['--json', 'cycle', 'status', '501'], env);
    const parsed = JSON.parse(status.stdout) as {
      phase: string;
      groups: { id: string; version: number }[];
      pendingActions: { who: string }[];
    };
    expect(parsed.phase).toBe('collecting-inputs');
    expect(parsed.groups.find((g) => g.id === 'peacekeeping')?.version).toBe(1);
    expect(parsed.pendingActions.some((p) => p.who === ORGANIZER || p.who.includes(ORGANIZER))).toBe(true);

    // The same status for a French-reading operator; the workflow's own words stay as they are.
    const french = await convene(['--lang', 'fr', 'cycle', 'status', '501'], env);
    expect(french.stdout).toMatch(/Phase :\s+collecting-inputs/);
    expect(french.stdout).toMatch(/Réunion :\s+du \w+ \d+ \S+ \d{4} à \d\d:\d\d, heure de New York au /);
    expect(french.stdout).toContain('Groupes de travail');
    // Each milestone's date as a French reader reads it, not the English the plan recorded.
    const milestones = french.stdout.slice(french.stdout.indexOf('Jalons'), french.stdout.indexOf('Groupes'));
    expect(milestones).toMatch(/callForInputs\s+\w+ \d+ \S+ \d{4} à \d\d:\d\d, heure de New York/);
    expect(milestones).not.toMatch(/Monday|Tuesday|Wednesday|Thursday|Friday|New York time/);
    const unknown = await convene(['--lang', 'klingon', 'cycle', 'status', '501'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(
      '--lang: unknown language "klingon"; use one of en, fr, es, ru, ar, zh (or set CONVENE_LANG)',
    );

    const list = await eventually(
      async () => {
        const r = await convene(['cycle', 'list'], env);
        return r.stdout.includes('hlm-501') && r;
      },
      { timeout: 15_000, what: 'the cycle in the list' },
    );
    expect(list.stdout).toMatch(/hlm-501\s+501\s+collecting-inputs\s+RUNNING/);

    const cancelled = await convene(
      ['cycle', 'cancel', '501', '--reason', 'Postponed to next year.', '--as', ORGANIZER],
      env,
    );
    expect(cancelled.stdout).toMatch(/^Cancelled at .*Everyone has been told\./);
    const missing = await convene(['cycle', 'status', '999'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no cycle 999.');
  });
}, 120_000);

test('only an organizer named in the trusted configuration may start a cycle, not one named in the file', async () => {
  // Jonas Berg organizes in the specification, but config/standing-committee.json does not name him.
  const result = await convene(
    ['cycle', 'start', compressedSpecFile(502), '--as', 'jonas.berg@un.example.org'],
    env,
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(
    /--as jonas\.berg@un\.example\.org: only the organizers named in config\/standing-committee\.json \(amina\.rahman@un\.example\.org, hlm\.secretariat@un\.example\.org\) may start this/,
  );
  await expect(t.client.workflow.getHandle('hlm-502').describe()).rejects.toThrow(/not found/i);
});

test('a specification with problems is refused before anything starts, one line per problem', async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-spec-')), 'bad.yaml');
  const spec = YAML.parse(readFileSync(path.join(examples, 'hlm-27-2027.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const groups = spec.workingGroups as Record<string, unknown>[];
  groups[1]!.id = groups[0]!.id;
  groups[2]!.chair = 'Kwame';
  spec.participants = [...(spec.participants as string[]), 'unasur'];
  spec.securityCouncil = { title: 'Security Council', start: '2027-11-02T10:00' };
  writeFileSync(file, YAML.stringify(spec));
  const result = await convene(['cycle', 'start', file, '--as', ORGANIZER], env);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(
    'workingGroups.2.chair: must be a person with a name, an e-mail address and an organization',
  );
  const fixed = {
    ...spec,
    workingGroups: groups.map((g, i) =>
      i === 2 ? { ...g, chair: { name: 'K', email: 'k@au.example.org', organization: 'au' } } : g,
    ),
  };
  writeFileSync(file, YAML.stringify(fixed));
  const second = await convene(['cycle', 'start', file, '--as', ORGANIZER], env);
  expect(second.code).toBe(2);
  expect(second.stderr).toContain('participants.20: unknown organization "unasur"');
  expect(second.stderr).toContain('workingGroups.1.id: "conflict-prevention" is used by two groups');
  expect(second.stderr).toMatch(
    /securityCouncil\.start: The high-level meeting \(.*\) and the Security Council meeting \(.*\) do not coincide/,
  );
  // The same problems, for an organizer who reads French.
  const french = await convene(['cycle', 'start', file, '--as', ORGANIZER], { ...env, CONVENE_LANG: 'fr' });
  expect(french.code).toBe(2);
  expect(french.stderr).toContain(`La spécification du cycle ${file} comporte 3 problèmes :`);
  expect(french.stderr).toContain('participants.20 : organisation inconnue « unasur »');
  expect(french.stderr).toContain(
    'workingGroups.1.id : « conflict-prevention » est utilisé par deux groupes',
  );
  expect(french.stderr).toMatch(/securityCouncil\.start : La réunion de haut niveau/);
  expect(french.stderr).not.toMatch(/unknown organization|do not coincide|problems:/);
});

test('the 2006 meeting runs as a rehearsal: its own edition id, real dates in the plan, every message marked', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const past = await convene(
      ['cycle', 'start', path.join(examples, 'hlm-7-2006.yaml'), '--as', ORGANIZER],
      env,
    );
    expect(past.code).toBe(2);
    expect(past.stderr).toContain(
      'is in the past; give a future date, or run it as a rehearsal with --rehearse',
    );

    const started = await convene(
      [
        'cycle',
        'start',
        path.join(examples, 'hlm-7-2006.yaml'),
        '--rehearse',
        '--seconds-per-day',
        '1',
        '--as',
        ORGANIZER,
      ],
      env,
    );
    expect(started.stdout).toMatch(/^Started: hlm-r7 \(REHEARSAL, one day = 1 s\)/);
    expect(started.stdout).toContain('2006');
    await eventually(
      async () =>
        (await readOutbox(t.settings.mail.outboxDir)).some((m) => /call for inputs/i.test(m.subject)),
      { timeout: 20_000, what: 'the call for inputs' },
    );
    const status = JSON.parse((await convene(['--json', 'cycle', 'status', 'r7'], env)).stdout) as {
      rehearsal: boolean;
      phase: string;
    };
    expect(status).toMatchObject({ rehearsal: true, phase: 'collecting-inputs' });
    await convene(['cycle', 'cancel', 'r7', '--reason', 'Rehearsal over.', '--as', ORGANIZER], env);
  });
  const mail = await readOutbox(t.settings.mail.outboxDir);
  const rehearsal = mail.filter((m) => m.subject.includes('HLM 7'));
  expect(rehearsal.length).toBeGreaterThan(0);
  expect(rehearsal.every((m) => m.subject.startsWith('[REHEARSAL]'))).toBe(true);
}, 120_000);
