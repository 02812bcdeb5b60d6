import path from 'node:path';
import { ConfigError, saidAtStart } from '../../config/problems';
import { loadSettings } from '../../config/settings';
import { translator } from '../../i18n/catalog';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

test('with nothing set, convene runs the embedded dev server and writes mail to the outbox', () => {
  const s = loadSettings({}, '/srv/convene');
  expect(s.temporal).toMatchObject({ mode: 'embedded', address: '127.0.0.1:7233', namespace: 'default' });
  expect(s.temporal.mode === 'embedded' && s.temporal.devServer.dbFile).toBe(
    path.join('/srv/convene/data/temporal.sqlite'),
  );
  expect(s.mail).toEqual({
    smtpUrl: undefined,
    from: 'convene <convene@example.org>',
    outboxDir: '/srv/convene/data/outbox',
  });
  expect(s.policies.reminderOffsetsDays).toEqual([14, 7, 1]);
  expect(s.taskQueue).toBe('convene');
});

test('TEMPORAL_ADDRESS switches to an existing cluster with its namespace', () => {
  const s = loadSettings({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_NAMESPACE: 'convene-prod' });
  expect(s.temporal).toMatchObject({
    mode: 'external',
    address: 'temporal.internal:7233',
    namespace: 'convene-prod',
  });
});

test('an API key from the environment reaches the connection options, in the Temporal conventions', () => {
  const s = loadSettings({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'secret-key' });
  expect(s.temporal.mode === 'external' && s.temporal.connect.connectionOptions.apiKey).toBe('secret-key');
});

test('an empty value counts as unset, so `FOO= npm start` keeps the default', () => {
  expect(loadSettings({ LOG_LEVEL: '', CONVENE_DEV_SERVER_PORT: '' }).logLevel).toBe('info');
});

test('each bad value gets its own line naming the key, the problem and the fix', () => {
  const problems = problemsOf({
    TEMPORAL_ADDRESS: 'not an address',
    CONVENE_DEV_SERVER_PORT: '70000',
    SMTP_URL: 'mail.example.org',
    LOG_LEVEL: 'loud',
    CONVENE_REMINDER_OFFSETS_DAYS: '14, seven',
    CONVENE_DECISION_REPORT_CADENCE: 'quarterly',
  });
  expect(problems).toHaveLength(6);
  expect(problems).toEqual(
    expect.arrayContaining([
      'TEMPORAL_ADDRESS: must be host:port, e.g. localhost:7233. Fix: set it to the frontend of your Temporal cluster (host:port), or unset it to run the embedded dev server',
      'CONVENE_DEV_SERVER_PORT: must be between 1 and 65535. Fix: pick a free port, e.g. 7233',
      expect.stringMatching(
        /^SMTP_URL: must be a URL such as smtp:\/\/.*Fix: unset it to write mail to the outbox/,
      ),
      expect.stringMatching(/^LOG_LEVEL: .*Fix: use one of debug, info, warn, error$/),
      expect.stringMatching(/^CONVENE_REMINDER_OFFSETS_DAYS: must be whole days separated by commas/),
      expect.stringMatching(
        /^CONVENE_DECISION_REPORT_CADENCE: must be an ISO-8601 duration.*Fix: e.g. P3M for quarterly$/,
      ),
    ]),
  );
});

test('the error message counts the problems and lists one per line', () => {
  try {
    loadSettings({ LOG_LEVEL: 'loud', CONVENE_UI_PORT: 'abc' });
    throw new Error('expected a ConfigError');
  } catch (err) {
    expect((err as Error).message).toMatch(/^The environment has 2 problems:\n {2}- /);
    expect((err as Error).message).toContain('CONVENE_UI_PORT: must be a number');
  }
});

test('a TLS client certificate that cannot be read stops start-up with the key to fix', () => {
  const problems = problemsOf({
    TEMPORAL_ADDRESS: 'temporal.internal:7233',
    TEMPORAL_TLS_CLIENT_CERT_PATH: '/nonexistent/client.pem',
    TEMPORAL_TLS_CLIENT_KEY_PATH: '/nonexistent/client.key',
  });
  expect(problems[0]).toMatch(/TEMPORAL_TLS_CLIENT_CERT_PATH/);
});

test('with nothing set, the store is the embedded PGlite on 127.0.0.1:7432, its data under data/store', () => {
  expect(loadSettings({}, '/srv/convene').store).toEqual({
    mode: 'embedded',
    url: 'postgres://postgres@127.0.0.1:7432/postgres',
    port: 7432,
    dataDir: '/srv/convene/data/store',
    schema: 'public',
  });
  expect(loadSettings({ CONVENE_STORE_PORT: '7500' }).store.url).toBe(
    'postgres://postgres@127.0.0.1:7500/postgres',
  );
});

test('DATABASE_URL points the store at a PostgreSQL server; anything else is refused with the fix', () => {
  const url = 'postgres://convene:secret@db.internal:5432/convene';
  expect(loadSettings({ DATABASE_URL: url }).store).toEqual({ mode: 'external', url, schema: 'public' });
  expect(problemsOf({ DATABASE_URL: 'mysql://db.internal/convene' })).toEqual([
    expect.stringMatching(/^DATABASE_URL: must be a PostgreSQL URL .*Fix: unset it for the embedded store/),
  ]);
});

test('an SMTP password without a user name stops start-up, naming SMTP_URL', () => {
  expect(problemsOf({ SMTP_URL: 'smtp://:secret@mail.example.org:587' })).toEqual([
    expect.stringMatching(/^SMTP_URL: has a password but no user name\. Fix:/),
  ]);
});

test('an operator who reads French reads the environment’s problems and their fixes in French', () => {
  let thrown: unknown;
  try {
    loadSettings({ CONVENE_DEV_SERVER_PORT: '70000', CONVENE_COMMITTEE_ID: 'Not An Id' });
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(ConfigError);
  const french = (thrown as ConfigError).sentence(translator('fr')).split('\n');
  expect(french[0]).toBe('L’environnement comporte 2 problèmes :');
  expect(french).toContain(
    '  - CONVENE_DEV_SERVER_PORT: doit être compris entre 1 et 65535. Pour corriger : choisissez un port libre, par exemple 7233',
  );
  expect(french.join('\n')).toMatch(
    /CONVENE_COMMITTEE_ID: .*Pour corriger : retirez-la pour « standing-committee »/,
  );
  expect((thrown as ConfigError).message).toContain(
    'Fix: unset it for "standing-committee", or give every worker and client the same id',
  );
});

test('a process that stops at start says its configuration problems in CONVENE_LANG, English otherwise', () => {
  let thrown: unknown;
  try {
    loadSettings({ LOG_LEVEL: 'loud' });
  } catch (err) {
    thrown = err;
  }
  const err = thrown as ConfigError;
  expect(saidAtStart(err, { CONVENE_LANG: 'fr' })).toMatch(
    /^L’environnement comporte 1 problème :\n {2}- LOG_LEVEL: /,
  );
  expect(saidAtStart(err, {})).toBe(err.message);
  // An unknown language cannot be said in: English, rather than no message at all.
  expect(saidAtStart(err, { CONVENE_LANG: 'klingon' })).toBe(err.message);
  expect(err.message).toMatch(
    /^The environment has 1 problem:\n {2}- LOG_LEVEL: .*Fix: use one of debug, info, warn, error$/,
  );
});

test('a key list that cannot be used is said in French from its rules, the English as before', () => {
  let thrown: unknown;
  try {
    loadSettings({ CONVENE_ENCRYPTION_KEYS: 'k1:abc,k1' });
  } catch (err) {
    thrown = err;
  }
  const err = thrown as ConfigError;
  expect(err.problems).toEqual([
    'CONVENE_ENCRYPTION_KEYS: entry 1 ("k1"): the key must be 32 bytes in base64 (openssl rand -base64 32). Fix: give id:base64 entries separated by commas, the encrypting key first (`convene keys rotate` prints one)',
    expect.stringMatching(/^CONVENE_ENCRYPTION_KEYS: entry 2: must be id:base64 \(e\.g\. k1:A+=\)\. Fix: /),
  ]);
  const french = err.sentence(translator('fr'));
  expect(french).toContain(
    'CONVENE_ENCRYPTION_KEYS: entrée 1 (« k1 ») : la clé doit faire 32 octets en base64 (openssl rand -base64 32). Pour corriger : donnez des entrées id:base64',
  );
  expect(french).toContain('CONVENE_ENCRYPTION_KEYS: entrée 2 : doit être de la forme id:base64');
});
