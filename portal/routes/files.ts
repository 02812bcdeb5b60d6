/**
 * An uploaded background paper, downloaded by those who may see it: the group's chair and
 * delegates and the organizers always; once the paper is listed in the cycle's draft or final
 * agenda (it is then published), also the focal points of the organizations taking part. The bytes
 * go as uploaded, under their type, always as an attachment so that a browser never renders them
 * as a page of this site.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { workflowIds } from '../../domain/ids';
import { groupPage, submitterOf, type GroupPage } from '../groups';
import { cycleDocument, cyclePage, organizesCycle, takesPart } from '../meetings';
import type { Portal } from '../pages';
import { refuse, t } from '../pages';
import { uploadStoreOf } from '../papers';
import type { Person } from '../people';
import { requireSignIn } from './sign-in';

const FileParams = z.object({
  workflowId: z.string().max(200),
  fileId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

export function registerFileRoutes(app: FastifyInstance, portal: Portal): void {
  app.get('/groups/:workflowId/files/:fileId', async (request, reply) => {
    if (!requireSignIn(request, reply)) return reply;
    const params = FileParams.safeParse(request.params);
    const group = params.success ? await groupPage(portal.deps.client, params.data.workflowId) : undefined;
    if (!params.success || !group) return refuse(reply, request, 404, t(request, 'error.notFound'));
    const person = request.person as Person;
    const fileId = params.data.fileId;
    if (!(await maySee(portal, group, person, fileId))) {
      return refuse(reply, request, 403, t(request, 'group.notYours', { email: person.email }));
    }
    const uploads = uploadStoreOf(portal);
    const file = await uploads.find(group.workflowId, fileId);
    const content = file && (await uploads.content(group.workflowId, file.id));
    if (!file || !content) return refuse(reply, request, 404, t(request, 'error.notFound'));
    return send(reply, file, content);
  });
}

/** The group's own people and the organizers always; a participant once an agenda lists the paper. */
async function maySee(portal: Portal, group: GroupPage, person: Person, fileId: string): Promise<boolean> {
  if (person.organizer || submitterOf(group.view, person.email)) return true;
  const cycle = await cyclePage(portal.deps.client, workflowIds.cycle(group.edition));
  if (!cycle || !(takesPart(cycle, person.focalPointOf) || organizesCycle(cycle, person.email))) return false;
  const { documents } = portal.deps;
  const listed = `/groups/${group.workflowId}/files/${fileId}`;
  for (const kind of ['final-agenda', 'draft-agenda'] as const) {
    if ((await cycleDocument(documents, cycle, kind))?.body.includes(listed)) return true;
  }
  return false;
}

function send(
  reply: FastifyReply,
  file: { type: string; name: string; sha256: string },
  content: Buffer,
): FastifyReply {
  return reply
    .type(file.type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-sha256', file.sha256)
    .header('cache-control', 'private, no-store')
    .send(content);
}
