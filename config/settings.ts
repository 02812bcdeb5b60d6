/**
 * The one typed configuration object, built from the environment (and the data files it names).
 * A bad or missing value stops start-up with one line per problem: the key, the problem, the fix.
 */
import path from 'node:path';
import { loadClientConnectConfig, type ClientConnectConfig } from '@temporalio/envconfig';
import { Duration } from 'luxon';
import { z } from 'zod';
import { keyListRules, type KeySource } from '../codec/keys';
import { ruleIssue } from '../domain/issues';
import type { OperatorTokenSource } from '../codec/operator-token';
import { DEFAULT_COMMITTEE_ID, DEFAULT_TASK_QUEUE } from '../domain/ids';
import { embeddedStoreUrl } from '../store/urls';
import type { DkimSettings } from '../notifications/dkim';
import type { Phrase } from '../domain/rejection';
import { ConfigError, describeIssues, problem, sources } from './problems';

export const REPO_ROOT = path.resolve(__dirname, '..');

const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const isoDuration = z.string().refine((v) => Duration.fromISO(v).isValid, {
  message: 'must be an ISO-8601 duration such as P7D, PT12H or P3M',
});

const smtpUrl = z
  .string()
  .refine((v) => /^smtps?:\/\/[^/\s]+/.test(v), {
    message: 'must be a URL such as smtp://user:pass@host:587 or smtps://host:465',
  })
  .refine((v) => !/^smtps?:\/\/:[^@/]+@/.test(v), { message: 'has a password but no user name' });

/** The raw environment, key by key; the names are the ones users set. */
const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'must be host:port, e.g. localhost:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1, 'must not be empty').default('default'),
  CONVENE_TASK_QUEUE: z.string().min(1, 'must not be empty').default(DEFAULT_TASK_QUEUE),
  CONVENE_COMMITTEE_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')
    .default(DEFAULT_COMMITTEE_ID),
  CONVENE_DATA_DIR: z.string().min(1, 'must not be empty').default('data'),
  CONVENE_DIRECTORY_FILE: z.string().min(1).default(path.join('config', 'organizations.json')),
  CONVENE_DEV_SERVER_PORT: port.default(7233),
  CONVENE_UI_PORT: port.default(8233),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/[^/\s]+/,
      'must be a PostgreSQL URL such as postgres://user:pass@host:5432/convene',
    )
    .optional(),
  CONVENE_STORE_PORT: port.default(7432),
  CONVENE_STORE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be lower-case letters, digits and _')
    .default('public'),
  CONVENE_PORTAL_PORT: port.default(8080),
  CONVENE_PORTAL_HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  CONVENE_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://convene.example.org' })
    .optional(),
  CONVENE_SESSION_SECRET: z
    .string()
    .min(32, 'is too weak: it must be at least 32 characters of random text')
    .refine((v) => new Set(v).size >= 10, { message: 'is too weak: it repeats too few characters' })
    .optional(),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z
    .string()
    .regex(
      /^[^\r\n]*<?[^@\s<>]+@[^@\s<>]+>?$/,
      'must be an address, optionally with a name: "convene <convene@example.org>"',
    )
    .default('convene <convene@example.org>'),
  MAIL_DKIM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain name, e.g. un.example.org')
    .optional(),
  MAIL_DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9._-]+$/i, 'must be a DNS label, e.g. convene')
    .optional(),
  MAIL_DKIM_KEY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: LogLevel.default('info'),
  CONVENE_REMINDER_OFFSETS_DAYS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be whole days separated by commas, e.g. 14,7,1')
    .default('14,7,1'),
  CONVENE_OVERDUE_GRACE: isoDuration.default('P3D'),
  CONVENE_DECISION_REPORT_CADENCE: isoDuration.default('P3M'),
  CONVENE_DECISION_STALL_AFTER: isoDuration.default('P6M'),
  CONVENE_COMMITTEE_REVIEW_PERIOD: isoDuration.default('P3M'),
  CONVENE_ENCRYPTION_KEYS: z
    .string()
    .superRefine((v, ctx) =>
      keyListRules(v).forEach((p) => ctx.addIssue(ruleIssue([], p.rule, p.values, p.message))),
    )
    .optional(),
  CONVENE_ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  CONVENE_CODEC_PORT: port.default(8234),
  CONVENE_CODEC_UI_ORIGINS: z
    .string()
    .regex(
      /^https?:\/\/[^/,\s]+(,https?:\/\/[^/,\s]+)*$/,
      'must be origins separated by commas, e.g. http://127.0.0.1:8233',
    )
    .optional(),
  CONVENE_OPERATOR_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters (openssl rand -hex 32)')
    .optional(),
  CONVENE_METRICS_ADDRESS: z
    .string()
    .regex(/^(off|[^\s:]+:\d+)$/, 'must be host:port, e.g. 127.0.0.1:9464, or off')
    .optional(),
});

/** What to do about each key when it is wrong. */
const FIXES: Record<string, Phrase> = {
  TEMPORAL_ADDRESS: problem('config.fix.temporalAddress'),
  TEMPORAL_NAMESPACE: problem('config.fix.temporalNamespace'),
  CONVENE_TASK_QUEUE: problem('config.fix.taskQueue'),
  CONVENE_COMMITTEE_ID: problem('config.fix.committeeId', { id: DEFAULT_COMMITTEE_ID }),
  CONVENE_DATA_DIR: problem('config.fix.dataDir'),
  CONVENE_DEV_SERVER_PORT: problem('config.fix.devServerPort'),
  CONVENE_UI_PORT: problem('config.fix.uiPort'),
  DATABASE_URL: problem('config.fix.databaseUrl'),
  CONVENE_STORE_PORT: problem('config.fix.storePort'),
  CONVENE_STORE_SCHEMA: problem('config.fix.storeSchema'),
  CONVENE_PORTAL_PORT: problem('config.fix.portalPort'),
  CONVENE_PORTAL_HOST: problem('config.fix.portalHost'),
  CONVENE_PUBLIC_URL: problem('config.fix.publicUrl'),
  CONVENE_SESSION_SECRET: problem('config.fix.sessionSecret'),
  SMTP_URL: problem('config.fix.smtpUrl'),
  MAIL_FROM: problem('config.fix.mailFrom'),
  LOG_LEVEL: problem('config.fix.logLevel'),
  MAIL_DKIM_DOMAIN: problem('config.fix.dkimDomain'),
  MAIL_DKIM_SELECTOR: problem('config.fix.dkimSelector'),
  CONVENE_REMINDER_OFFSETS_DAYS: problem('config.fix.reminderOffsets'),
  CONVENE_OVERDUE_GRACE: problem('config.fix.overdueGrace'),
  CONVENE_DECISION_REPORT_CADENCE: problem('config.fix.reportCadence'),
  CONVENE_DECISION_STALL_AFTER: problem('config.fix.stallAfter'),
  CONVENE_COMMITTEE_REVIEW_PERIOD: problem('config.fix.reviewPeriod'),
  CONVENE_ENCRYPTION_KEYS: problem('config.fix.encryptionKeys'),
  CONVENE_CODEC_PORT: problem('config.fix.codecPort'),
  CONVENE_CODEC_UI_ORIGINS: problem('config.fix.codecOrigins'),
  CONVENE_OPERATOR_TOKEN: problem('config.fix.operatorToken'),
  CONVENE_METRICS_ADDRESS: problem('config.fix.metricsAddress'),
};

/** Where the embedded default serves Prometheus metrics unless told otherwise. */
export const DEFAULT_METRICS_ADDRESS = '127.0.0.1:9464';

export type TemporalSettings =
  | {
      mode: 'embedded';
      namespace: string;
      address: string;
      devServer: { port: number; uiPort: number; dbFile: string };
    }
  | { mode: 'external'; namespace: string; address: string; connect: ClientConnectConfig };

/**
 * The shared store (store/): a PostgreSQL server, or the embedded PGlite that the launcher serves
 * on 127.0.0.1 to the machine's other processes, its data under `<data>/store`.
 */
export type StoreSettings = { url: string; schema: string } & (
  { mode: 'embedded'; port: number; dataDir: string } | { mode: 'external' }
);

/**
 * The web portal (portal/). Without CONVENE_SESSION_SECRET the embedded default keeps a generated
 * secret in `secretFile`; a deployment that reaches an external Temporal must set it, so that every
 * instance signs cookies alike.
 */
export interface PortalSettings {
  host: string;
  /** What to do when the secret is missing outside the embedded default (portal/secret.ts says it). */
  secretFix: Phrase;
  port: number;
  /** The base of every link in mail, without a trailing slash. */
  publicUrl: string;
  sessionSecret?: string;
  secretFile: string;
}

export interface Settings {
  temporal: TemporalSettings;
  store: StoreSettings;
  taskQueue: string;
  /** The standing committee's workflow id: one committee per deployment (a test run has its own). */
  committeeWorkflowId: string;
  dataDir: string;
  directoryFile: string;
  mail: { smtpUrl?: string; from: string; outboxDir: string; dkim?: DkimSettings };
  portal: PortalSettings;
  logLevel: LogLevel;
  /** Where the payload codec's keys come from (see codec/keys.ts). */
  encryption: KeySource;
  /** The codec server for the Web UI: its port and the operators' token (given, or generated in this file). */
  codecServer: OperatorTokenSource & { port: number; allowedOrigins: string[] };
  /** host:port of the Prometheus endpoint; undefined: no metrics served. */
  metricsAddress?: string;
  policies: {
    reminderOffsetsDays: number[];
    overdueGrace: string;
    decisionReportCadence: string;
    decisionStallAfter: string;
    committeeReviewPeriod: string;
  };
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env, root: string = REPO_ROOT): Settings {
  // Empty strings count as unset: `FOO= npm start` should mean "use the default".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success)
    throw new ConfigError(
      sources.environment(),
      describeIssues(parsed.error.issues, { value: env, fixes: FIXES }),
    );
  const e = parsed.data;
  const dataDir = path.resolve(root, e.CONVENE_DATA_DIR);
  const temporal = temporalSettings(e, dataDir, present);
  return {
    temporal,
    store: e.DATABASE_URL
      ? { mode: 'external', url: e.DATABASE_URL, schema: e.CONVENE_STORE_SCHEMA }
      : {
          mode: 'embedded',
          schema: e.CONVENE_STORE_SCHEMA,
          url: embeddedStoreUrl(e.CONVENE_STORE_PORT),
          port: e.CONVENE_STORE_PORT,
          dataDir: path.join(dataDir, 'store'),
        },
    taskQueue: e.CONVENE_TASK_QUEUE,
    committeeWorkflowId: e.CONVENE_COMMITTEE_ID,
    dataDir,
    directoryFile: path.resolve(root, e.CONVENE_DIRECTORY_FILE),
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      outboxDir: path.join(dataDir, 'outbox'),
      ...dkimOf(e, root),
    },
    portal: portalSettings(e, dataDir),
    logLevel: e.LOG_LEVEL,
    encryption: {
      envKeys: e.CONVENE_ENCRYPTION_KEYS,
      keyFile: path.resolve(
        root,
        e.CONVENE_ENCRYPTION_KEY_FILE ?? path.join(dataDir, 'encryption-keys.json'),
      ),
      // Only the embedded default makes its own keys; elsewhere every process must be given the same ones.
      generateIfMissing: !e.TEMPORAL_ADDRESS && !e.CONVENE_ENCRYPTION_KEY_FILE,
    },
    codecServer: {
      port: e.CONVENE_CODEC_PORT,
      operatorToken: e.CONVENE_OPERATOR_TOKEN,
      operatorTokenFile: path.join(dataDir, 'operator-token'),
      generateIfMissing: !e.TEMPORAL_ADDRESS,
      // The embedded Web UI, under both names a browser may use for it.
      allowedOrigins: e.CONVENE_CODEC_UI_ORIGINS?.split(',') ?? [
        `http://127.0.0.1:${e.CONVENE_UI_PORT}`,
        `http://localhost:${e.CONVENE_UI_PORT}`,
      ],
    },
    metricsAddress: metricsAddress(e.CONVENE_METRICS_ADDRESS, temporal.mode),
    policies: {
      reminderOffsetsDays: e.CONVENE_REMINDER_OFFSETS_DAYS.split(',').map(Number),
      overdueGrace: e.CONVENE_OVERDUE_GRACE,
      decisionReportCadence: e.CONVENE_DECISION_REPORT_CADENCE,
      decisionStallAfter: e.CONVENE_DECISION_STALL_AFTER,
      committeeReviewPeriod: e.CONVENE_COMMITTEE_REVIEW_PERIOD,
    },
  };
}

/** On by default on one machine (embedded); elsewhere only where asked for, as ports are the operator's. */
function metricsAddress(value: string | undefined, mode: TemporalSettings['mode']): string | undefined {
  if (value === 'off') return undefined;
  return value ?? (mode === 'embedded' ? DEFAULT_METRICS_ADDRESS : undefined);
}

function portalSettings(e: z.infer<typeof EnvSchema>, dataDir: string): PortalSettings {
  return {
    host: e.CONVENE_PORTAL_HOST,
    port: e.CONVENE_PORTAL_PORT,
    publicUrl: (e.CONVENE_PUBLIC_URL ?? `http://127.0.0.1:${e.CONVENE_PORTAL_PORT}`).replace(/\/+$/, ''),
    sessionSecret: e.CONVENE_SESSION_SECRET,
    secretFix: FIXES.CONVENE_SESSION_SECRET ?? problem('config.fix.sessionSecret'),
    secretFile: path.join(dataDir, 'portal-session-secret'),
  };
}

function temporalSettings(
  e: z.infer<typeof EnvSchema>,
  dataDir: string,
  env: Record<string, string | undefined>,
): TemporalSettings {
  if (!e.TEMPORAL_ADDRESS) {
    return {
      mode: 'embedded',
      namespace: e.TEMPORAL_NAMESPACE,
      address: `127.0.0.1:${e.CONVENE_DEV_SERVER_PORT}`,
      devServer: {
        port: e.CONVENE_DEV_SERVER_PORT,
        uiPort: e.CONVENE_UI_PORT,
        dbFile: path.join(dataDir, 'temporal.sqlite'),
      },
    };
  }
  // TLS client cert/key, API key, server name… follow the Temporal conventions (TEMPORAL_TLS_*,
  // TEMPORAL_API_KEY, TEMPORAL_PROFILE and the config file), read by the SDK's envconfig.
  let connect: ClientConnectConfig;
  try {
    connect = loadClientConnectConfig({ overrideEnvVars: definedOnly(env) });
  } catch (err) {
    throw new ConfigError(sources.temporalConnection(), [
      problem('config.problem.temporalConnection', { reason: (err as Error).message }),
    ]);
  }
  return { mode: 'external', namespace: e.TEMPORAL_NAMESPACE, address: e.TEMPORAL_ADDRESS, connect };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((kv): kv is [string, string] => kv[1] !== undefined));
}

/** The configuration table of the README, kept next to the schema it documents. */
export const SETTINGS_KEYS = Object.keys(EnvSchema.shape);

/** DKIM signing needs all three settings or none: half of them is a mistake to name. */
function dkimOf(e: z.infer<typeof EnvSchema>, root: string): { dkim?: DkimSettings } {
  const given = {
    MAIL_DKIM_DOMAIN: e.MAIL_DKIM_DOMAIN,
    MAIL_DKIM_SELECTOR: e.MAIL_DKIM_SELECTOR,
    MAIL_DKIM_KEY_FILE: e.MAIL_DKIM_KEY_FILE,
  };
  const missing = Object.entries(given)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length === 3) return {};
  if (missing.length) {
    throw new ConfigError(sources.environment(), [
      problem('config.problem.dkimHalf', { missing: missing.join(', ') }),
    ]);
  }
  return {
    dkim: {
      domainName: e.MAIL_DKIM_DOMAIN!,
      keySelector: e.MAIL_DKIM_SELECTOR!,
      keyFile: path.resolve(root, e.MAIL_DKIM_KEY_FILE!),
    },
  };
}
