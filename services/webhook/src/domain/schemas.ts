import { z } from 'zod';
import { WEBHOOK_EVENTS } from './webhook-events';

export const registerSchema = z.object({
  url: z.string().min(1).max(2048),
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1)
    .max(WEBHOOK_EVENTS.length * 2),
});
export const activeSchema = z.object({ active: z.boolean() });
export const deliveriesQuerySchema = z.object({
  webhookId: z.string().uuid().optional(),
  status: z.enum(['PENDING', 'DELIVERED', 'FAILED']).optional(),
  first: z.string().optional(),
  after: z.string().optional(),
});
