import { z } from 'zod';

/** A message a recipient's server refused for good (or that could not go after every retry). */
export const DeliveryFailure = z.object({
  at: z.string(),
  kind: z.string(),
  subject: z.string(),
  recipient: z.string(),
  serverReply: z.string(),
});
export type DeliveryFailure = z.infer<typeof DeliveryFailure>;
