// `npm run seed [-- --reset]`: loads the seed into a running DynamoDB Local (DYNAMODB_ENDPOINT), after emptying its tables with --reset.
import { createSeedWriter, emptyTable } from '../../../functions/adapters/seed-writer.js';
import { type TableKey, tableDefinitions, tableEnvironment } from '../../../lib/tables.js';
import { ensureTables, LOCAL_TABLE_NAMES } from '../../../local/dynamodb-local.js';
import { DEMO_SEED_FILE } from '../../../local/local-runtime.js';
import { loadSeed, readSeed, SeedError, seedClient } from '../../../local/seed.js';
import { defineCommand, UsageError } from '../runner.js';

/** A table's key attribute names, as the stack defines them. */
const keyNamesOf = (key: TableKey): string[] => {
  const definition = tableDefinitions[key];
  return [definition.partitionKey.name, ...('sortKey' in definition ? [definition.sortKey.name] : [])];
};

const SEED_USAGE = `usage: npm run seed -- [--reset] --endpoint <url>
Loads the seed (LOCAL_SEED, else the demo seed) into DynamoDB Local; --reset first empties the referrals and usage
tables (API keys made by hand are kept). Only DynamoDB Local: a deployed stack is never seeded.
  --endpoint <url>   DynamoDB Local, e.g. the endpoint npm start printed (or set DYNAMODB_ENDPOINT=<url>)`;

export const seedCommand = defineCommand({
  name: 'seed',
  usage: SEED_USAGE,
  // Only DynamoDB Local: no --stack.
  options: {
    reset: { type: 'boolean', default: false },
    endpoint: { type: 'string' },
  },
  async run({ values, env, io }) {
    const endpoint = env.DYNAMODB_ENDPOINT;
    if (!endpoint) throw new UsageError('name DynamoDB Local: --endpoint <url> (the endpoint npm start printed), or DYNAMODB_ENDPOINT');
    const seedFile = env.LOCAL_SEED ?? DEMO_SEED_FILE;
    const seed = await readSeed(seedFile);
    const tables = Object.fromEntries(
      (Object.keys(tableEnvironment) as TableKey[]).map((key) => [key, env[tableEnvironment[key]] ?? LOCAL_TABLE_NAMES[key]]),
    ) as Record<TableKey, string>;
    await ensureTables(endpoint, tables);
    const client = seedClient(endpoint);
    try {
      if (values.reset) {
        // Keys made by hand (npm run keys) are kept; the seed's own keys are written again below.
        for (const key of ['referrals', 'usage'] as const)
          io.out(`emptied ${tables[key]}: ${await emptyTable(client, tables[key], keyNamesOf(key))} items`);
        io.out(`kept ${tables.apiKeys}: keys made by hand stay, the seed's keys are written again`);
      }
      await loadSeed(seed, createSeedWriter(client, tables));
    } finally {
      client.destroy();
    }
    io.out(`loaded ${seedFile}: ${seed.apiKeys.length} keys, ${seed.attributions.length} attributions, ${seed.rewards.length} rewards`);
    return 0;
  },
  // As it always has, seed answers any other failure, a bad option included, with its message alone and exit code 1.
  reportFailure(error, io) {
    io.err(`seed: ${error instanceof SeedError ? error.message : ((error as Error).message ?? String(error))}`);
    return 1;
  },
});
