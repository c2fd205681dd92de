// The valibot to JSON Schema conversion the OpenAPI document uses, and the components every route shares.
import { type ConversionConfig, toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { EnvelopeSchema, ErrorEnvelopeSchema } from '../../functions/http/envelope-schemas.js';
import {
  ClaimedContextSchema,
  ConflictContextSchema,
  LimitContextSchema,
  PermissionContextSchema,
  ReopenWindowContextSchema,
  ValidationContextSchema,
} from '../../functions/http/error-contexts.js';
import { GatewayMessageSchema } from '../../functions/http/gateway-responses.js';
import { readableTextRules } from '../../functions/http/readable-text.js';
import { ActivitySchema } from '../../functions/referrals/activity.js';
import { AttributionSchema, RewardSchema } from '../../functions/referrals/attribution.js';

export type JsonSchema = Record<string, unknown>;

/**
 * What JSON Schema cannot say is left to the descriptions: `check` (well-formed, readable Unicode) and the trim
 * (lengths count after trimming) run only in the function. A length in code points is JSON Schema's own `maxLength`.
 */
export const conversion: ConversionConfig = {
  target: 'draft-2020-12',
  typeMode: 'input',
  errorMode: 'throw',
  ignoreActions: ['check', 'trim', 'trim_invisible'],
  overrideAction: ({ valibotAction, jsonSchema }) => {
    if (!('maxCodePoints' in valibotAction)) return undefined;
    const max = valibotAction.maxCodePoints as number;
    return { ...jsonSchema, maxLength: max, description: `${jsonSchema.description}: ${readableTextRules(max)}` };
  },
  overrideRef: (context) => `#/components/schemas/${context.referenceId}`,
};

export const ref = (component: string) => ({ $ref: `#/components/schemas/${component}` });

export const SHARED_SCHEMAS = {
  'app.Response': EnvelopeSchema,
  'app.ErrorResponse': ErrorEnvelopeSchema,
  'app.ValidationContext': ValidationContextSchema,
  'app.ConflictContext': ConflictContextSchema,
  'app.LimitContext': LimitContextSchema,
  'app.PermissionContext': PermissionContextSchema,
  'app.ClaimedContext': ClaimedContextSchema,
  'app.ReopenWindowContext': ReopenWindowContextSchema,
  'aws.GatewayMessage': GatewayMessageSchema,
  'referrals.adminReferralAttributionRecordDoc': AttributionSchema,
  'referrals.adminReferralRewardRecordDoc': RewardSchema,
  'referrals.adminReferralActivityRecordDoc': ActivitySchema,
};

export const convert = (schema: v.GenericSchema, definitions: Record<string, v.GenericSchema>): JsonSchema => {
  const { $schema: _dialect, $defs: _defs, ...json } = toJsonSchema(schema, { ...conversion, definitions }) as JsonSchema;
  return json;
};
