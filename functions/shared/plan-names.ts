// The names of the plans an account can be on: what a key record and a principal name, and what the plans table prices.
import * as v from 'valibot';

export const PlanNameSchema = v.picklist(['free', 'starter', 'growth', 'pro', 'business', 'enterprise']);
export type PlanName = v.InferOutput<typeof PlanNameSchema>;
