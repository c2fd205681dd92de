// The attribution id as a path carries it: percent-decoded once, then held to the id's rules.
import * as v from 'valibot';
import { AttributionIdSchema } from '../referrals/attribution.js';
import { percentDecoded } from './path-parameters.js';

export const AttributionPathIdSchema = v.pipe(percentDecoded('id'), AttributionIdSchema);
