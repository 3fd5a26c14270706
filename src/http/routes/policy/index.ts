import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shadowCounts } from '../../../store/policy-shadow.js';
import { ActionSchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

const PolicyView = z.object({
  id: z.string().describe('name@version, recorded with every assessment and decision'),
  version: z.string(),
  rules: z.array(
    z.object({
      name: z.string(),
      when: z.string().describe('CEL condition'),
      action: ActionSchema,
      shadow: z.boolean().describe('Evaluated and recorded, no effect'),
      state: z.enum(['live', 'shadow', 'disabled']),
      description: z.string().nullable(),
    }),
  ),
  shadow: z
    .array(z.object({ rule: z.string(), matched: z.number().int().describe('Stored assessments (under this policy) the rule matched'), wouldChange: z.number().int().describe('Of those, how many it would have given a more severe action') }))
    .describe('One entry per shadow rule of the policy'),
});

/** The policy in force, and what its shadow rules would have done to the posts already assessed. */
export const policyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/policy',
    {
      config: { role: 'admin' },
      schema: { tags: ['policy'], summary: 'The policy in force', description: 'Its rules, and for each shadow rule how often it matched the stored assessments made under this policy.', response: { 200: PolicyView } },
    },
    async () => {
      const policy = services.policy;
      const counts = await shadowCounts(services.store, policy.id);
      return {
        id: policy.id,
        version: policy.version,
        rules: policy.rules.map((r) => ({ name: r.name, when: r.when, action: r.action, shadow: r.state === 'shadow', state: r.state, description: r.description ?? null })),
        shadow: policy.rules.filter((r) => r.state === 'shadow').map((r) => counts.get(r.name) ?? { rule: r.name, matched: 0, wouldChange: 0 }),
      };
    },
  );
};
