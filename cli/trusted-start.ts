/**
 * Who may start a cycle or import decisions: an organizer named in the trusted configuration
 * (config/standing-committee.json), never one named in the file being imported.
 */
import path from 'node:path';
import { loadStandingCommittee, STANDING_COMMITTEE_FILE } from '../config/committee';
import type { Directory } from '../config/directory';
import { REPO_ROOT } from '../config/settings';
import { requireTrustedOrganizer, StartRefused } from '../clients/starts';
import { UserError } from './output';

export function trustedOrganizer(as: string, directory: Directory): void {
  const organizers = loadStandingCommittee(directory).file.organizers;
  const where = path.relative(REPO_ROOT, STANDING_COMMITTEE_FILE) || STANDING_COMMITTEE_FILE;
  return refusedAsUserError(() => requireTrustedOrganizer(as, organizers, where));
}

/** A refused start reaches the person as a user error: its sentence, exit code 1. */
export function refusedAsUserError<T>(start: () => T): T {
  try {
    const result = start();
    if (result instanceof Promise) return result.catch(rethrowRefusal) as T;
    return result;
  } catch (err) {
    return rethrowRefusal(err);
  }
}

function rethrowRefusal(err: unknown): never {
  if (err instanceof StartRefused) throw new UserError(err.key, err.values);
  throw err;
}
