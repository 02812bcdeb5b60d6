/**
 * Structured logs: one JSON object per line on stderr, for the worker, the launcher and the SDK's
 * own runtime (so Temporal's messages and ours read the same way).
 */
import type { LogLevel as SdkLogLevel, LogMetadata, Logger } from '@temporalio/common';
import type { LogLevel } from '../config/settings';

const RANK: Record<SdkLogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };
const SDK_LEVEL: Record<LogLevel, SdkLogLevel> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
};

export function createLogger(
  level: LogLevel,
  base: LogMetadata = {},
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Logger {
  const threshold = RANK[SDK_LEVEL[level]];
  const log = (lvl: SdkLogLevel, message: string, meta?: LogMetadata) => {
    if (RANK[lvl] < threshold) return;
    write(
      JSON.stringify(
        { time: new Date().toISOString(), level: lvl.toLowerCase(), msg: message, ...base, ...meta },
        errorsAsText,
      ),
    );
  };
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}

function errorsAsText(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}
