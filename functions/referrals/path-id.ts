// The attribution id as a path carries it: percent-decoded once, then held to the id's rules.
import * as v from 'valibot';
import { percentDecoded } from '../shared/path-parameters.js';
import { AttributionIdSchema } from './attribution.js';

export const AttributionPathIdSchema = v.pipe(percentDecoded('id'), AttributionIdSchema);
