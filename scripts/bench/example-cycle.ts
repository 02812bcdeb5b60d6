/**
 * The example cycle (config/examples/hlm-27-2027.yaml: 20 organizations, 6 groups) on a compressed
 * timeline, for the scripts that run it whole (bench-cycle.ts, crash-cycle.ts). Offsets are in
 * seconds before the meeting, which starts `meetingInSeconds` from now and lasts 5 seconds; no
 * Security Council meeting, so nothing waits on coincidence.
 */
import path from 'node:path';
import { loadHolidayCalendars } from '../../calendar/holidays';
import { readCycleSpecFile, resolveCycleSpec } from '../../config/cycle-spec';
import { loadDirectory } from '../../config/directory';
import type { Settings } from '../../config/settings';
import type { CycleInput } from '../../domain/cycle-input';

export interface CompressedTimeline {
  meetingInSeconds: number;
  callForInputs: number;
  inputDeadline: number;
  consolidationEnd: number;
  commentPeriodEnd: number;
  invitations: number;
  outcomeReportDue: number;
  reminders: number[];
  overdueGrace: number;
}

export function compressedExampleCycle(
  settings: Settings,
  edition: number,
  t: CompressedTimeline,
  source = 'bench',
): CycleInput {
  const s = (seconds: number) => `PT${seconds}S`;
  const spec = readCycleSpecFile(
    path.join(__dirname, '..', '..', 'config', 'examples', 'hlm-27-2027.yaml'),
  ) as Record<string, unknown>;
  const start = new Date(Date.now() + t.meetingInSeconds * 1000);
  spec.edition = edition;
  spec.meeting = {
    ...(spec.meeting as object),
    start: start.toISOString(),
    end: new Date(start.getTime() + 5_000).toISOString(),
  };
  delete spec.securityCouncil;
  spec.timeline = {
    callForInputs: s(t.callForInputs),
    inputDeadline: s(t.inputDeadline),
    consolidationEnd: s(t.consolidationEnd),
    commentPeriodEnd: s(t.commentPeriodEnd),
    invitations: s(t.invitations),
    outcomeReportDue: s(t.outcomeReportDue),
    snapToBusinessDays: false,
  };
  spec.reminders = { offsets: t.reminders.map(s), overdueGrace: s(t.overdueGrace) };
  return resolveCycleSpec(spec, source, {
    directory: loadDirectory(settings.directoryFile),
    holidays: loadHolidayCalendars(),
    now: new Date(),
    defaults: settings.policies,
  });
}
