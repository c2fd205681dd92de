// The local seed file: its schema, reading it with errors that name the file and the field, and loading it into DynamoDB Local.
import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { createDocumentClient, type DynamoDBDocumentClient } from '../functions/adapters/dynamodb-client.js';
import type { SeedWriter } from '../functions/adapters/seed-writer.js';
import { API_KEY_PATTERN } from '../functions/auth/api-key.js';
import { PermissionSchema, RoleSchema } from '../functions/auth/permissions.js';
import { AttributionSchema, RewardSchema } from '../functions/referrals/attribution.js';
import { PlanNameSchema } from '../functions/shared/plan-names.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.js';

export const SeedSchema = v.strictObject({
  apiKeys: v.array(
    v.pipe(
      v.strictObject({
        key: v.pipe(v.string(), v.regex(API_KEY_PATTERN, 'must look like ck_ followed by 16-128 characters of A-Z, a-z, 0-9, _ or -')),
        userId: v.pipe(v.string(), v.nonEmpty()),
        plan: PlanNameSchema,
        admin: v.boolean(),
        overage: v.optional(v.boolean()),
        status: v.optional(v.picklist(['active', 'revoked'])),
        keyId: v.optional(v.pipe(v.string(), v.nonEmpty())),
        // What the key may do, as `npm run keys -- create` takes it: a role or a list of permissions, not both.
        role: v.optional(RoleSchema),
        permissions: v.optional(v.array(PermissionSchema)),
      }),
      v.check((key) => key.role === undefined || key.permissions === undefined, 'an API key takes role or permissions, not both'),
    ),
  ),
  attributions: v.array(AttributionSchema),
  rewards: v.optional(v.array(RewardSchema), []),
});
export type Seed = v.InferOutput<typeof SeedSchema>;

export class SeedError extends Error {
  constructor(file: string, detail: string) {
    super(`Invalid seed file ${file}: ${detail}`);
    this.name = 'SeedError';
  }
}

export const readSeed = async (file: string): Promise<Seed> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SeedError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const result = v.safeParse(SeedSchema, json);
  if (!result.success) {
    // Every problem at once, one per line, so that a bad file is fixed in one go.
    const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(top level)'}: ${issue.message}`);
    throw new SeedError(file, problems.length === 1 ? (problems[0] as string) : `${problems.length} problems\n  ${problems.join('\n  ')}`);
  }
  return result.output;
};

/** Loads the seed in batches of 25, a few at a time, so that a large seed or a busy machine does not flood DynamoDB Local. */
export const loadSeed = async (seed: Seed, writer: SeedWriter): Promise<void> => {
  await writer.putAll([
    ...seed.apiKeys.map(writer.items.apiKey),
    ...seed.attributions.map(writer.items.attribution),
    ...seed.rewards.map(writer.items.reward),
  ]);
};

/**
 * A client for loading seeds into DynamoDB Local: patient connections and the SDK's retries, since a busy machine's
 * Java process can take seconds to accept a connection.
 */
export const seedClient = (endpoint: string): DynamoDBDocumentClient =>
  createDocumentClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 6,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true },
  });
