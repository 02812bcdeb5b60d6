/**
 * An uploaded background paper, downloaded by those who may see the group's input (its chair and
 * the organizers): the bytes as uploaded, under their type, always as an attachment so that a
 * browser never renders them as a page of this site.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Portal } from '../pages';
import { show, t } from '../pages';
import { uploadStoreOf } from '../papers';
import { allowedGroup } from './groups';

const FileParams = z.object({
  workflowId: z.string().max(200),
  fileId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

export function registerFileRoutes(app: FastifyInstance, portal: Portal): void {
  app.get('/groups/:workflowId/files/:fileId', async (request, reply) => {
    const group = await allowedGroup(portal, request, reply);
    if (!group) return reply;
    const params = FileParams.safeParse(request.params);
    const uploads = uploadStoreOf(portal);
    const file = params.success ? await uploads.find(group.workflowId, params.data.fileId) : undefined;
    const content = file && (await uploads.content(group.workflowId, file.id));
    if (!file || !content)
      return show(reply.code(404), request, 'message', {
        title: t(request, 'error.notFound'),
        text: t(request, 'error.notFound'),
      });
    return reply
      .type(file.type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('x-content-sha256', file.sha256)
      .header('cache-control', 'private, no-store')
      .send(content);
  });
}
