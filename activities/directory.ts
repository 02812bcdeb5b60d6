/**
 * Directory look-ups for workflows. Read-only and so idempotent: a retry returns the same answer
 * (the directory is loaded once per worker at start).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Directory } from '../config/directory';
import type { Organization } from '../domain/organization';

export interface DirectoryActivities {
  getOrganizations(ids: string[]): Promise<Organization[]>;
  listOrganizationIds(): Promise<string[]>;
}

export function createDirectoryActivities(directory: Directory): DirectoryActivities {
  return {
    async getOrganizations(ids) {
      const unknown = ids.filter((id) => !directory.get(id));
      if (unknown.length) {
        throw ApplicationFailure.nonRetryable(
          `unknown organization id(s): ${unknown.join(', ')}. Known ids: ${directory.organizations.map((o) => o.id).join(', ')}`,
          'UnknownOrganization',
        );
      }
      return ids.map((id) => directory.require(id));
    },
    async listOrganizationIds() {
      return directory.organizations.map((o) => o.id);
    },
  };
}
