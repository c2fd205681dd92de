// `npm run invoke -- <function> <event.json>`: one invocation of a deployed handler on a sample event, as `sam local invoke` does, without Docker.
import { readFile } from 'node:fs/promises';
import { DynamoDbLocalUnavailable } from './dynamodb-local.js';
import { lambdaContext } from './lambda-context.js';
import { prepareLocalRuntime } from './local-runtime.js';
import { SeedError } from './seed.js';

/** Accepts the short names and the stack's logical id prefixes. */
const FUNCTIONS: Record<string, () => Promise<{ handler: (event: any, context: any) => Promise<unknown> }>> = {
  'reject-referral': () => import('../functions/handlers/reject-referral/handler.js'),
  RejectReferralFunction: () => import('../functions/handlers/reject-referral/handler.js'),
  'bulk-reject': () => import('../functions/handlers/bulk-reject/handler.js'),
  BulkRejectFunction: () => import('../functions/handlers/bulk-reject/handler.js'),
  'list-referrals': () => import('../functions/handlers/review-queue/list-handler.js'),
  ListReferralsFunction: () => import('../functions/handlers/review-queue/list-handler.js'),
  'get-referral': () => import('../functions/handlers/review-queue/get-handler.js'),
  GetReferralFunction: () => import('../functions/handlers/review-queue/get-handler.js'),
  authorizer: () => import('../functions/handlers/authorizer/handler.js'),
  AdminAuthorizerFunction: () => import('../functions/handlers/authorizer/handler.js'),
  reconciler: () => import('../functions/handlers/reconciler/handler.js'),
  ReconcilerFunction: () => import('../functions/handlers/reconciler/handler.js'),
};

const usage = 'usage: npm run invoke -- <reject-referral|bulk-reject|list-referrals|get-referral|authorizer|reconciler> <event.json>';

const main = async (): Promise<number> => {
  const [name, eventFile] = process.argv.slice(2);
  const load = name ? FUNCTIONS[name.replace(/[0-9A-F]{8}$/, '')] : undefined;
  if (!load || !eventFile) {
    console.error(usage);
    return 2;
  }
  const event = JSON.parse(await readFile(eventFile, 'utf8'));
  // Against DYNAMODB_ENDPOINT when set (e.g. the one `npm start` printed), else a fresh DynamoDB Local with the demo seed.
  const runtime = await prepareLocalRuntime({ seedFile: process.env.LOCAL_SEED, issueConsoleTokens: true, seedExternal: false });
  try {
    const { handler } = await load();
    try {
      const result = await handler(event, lambdaContext(name!));
      console.log(JSON.stringify(result, null, 2));
      return 0;
    } catch (error) {
      console.log(JSON.stringify({ errorType: (error as Error).name, errorMessage: (error as Error).message }, null, 2));
      return 1;
    }
  } finally {
    await runtime.stop();
  }
};

main().then(
  (code) => process.exit(code),
  (error) => {
    // A missing Java or a bad seed is one line; anything else keeps its stack.
    console.error(error instanceof DynamoDbLocalUnavailable || error instanceof SeedError ? error.message : error);
    process.exit(1);
  },
);
