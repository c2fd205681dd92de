// `npm run invoke -- <function> <event.json>`: one invocation of a deployed handler on a sample event, as `sam local invoke` does, without Docker.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { routeFunctions } from '../functions/http/routes/index.js';
import { DynamoDbLocalUnavailable } from './dynamodb-local.js';
import { lambdaContext } from './lambda-context.js';
import { prepareLocalRuntime } from './local-runtime.js';
import { SeedError } from './seed.js';

type Loader = () => Promise<{ handler: (event: any, context: any) => Promise<unknown> }>;

/** A function's short name, from its logical id prefix: RejectReferralFunction is reject-referral. */
const shortName = (id: string) =>
  id.replace(/Function$/, '').replace(/[A-Z]/g, (letter, at: number) => `${at ? '-' : ''}${letter.toLowerCase()}`);

/** Accepts the short names and the stack's logical id prefixes: every route's function, from the route index, and the others. */
const FUNCTIONS: Record<string, Loader> = Object.fromEntries(
  [
    ...Object.values(routeFunctions).map((fn): [string, Loader] => [
      fn.id,
      () => import(path.resolve(import.meta.dirname, '..', fn.entry)),
    ]),
    ['AdminAuthorizerFunction', () => import('../functions/handlers/authorizer/handler.js')] as [string, Loader],
    ['ReconcilerFunction', () => import('../functions/handlers/reconciler/handler.js')] as [string, Loader],
    ['ReviewBacklogFunction', () => import('../functions/handlers/review-backlog/handler.js')] as [string, Loader],
  ].flatMap(([id, load]) => [
    [id, load],
    [id === 'AdminAuthorizerFunction' ? 'authorizer' : shortName(id), load],
  ]),
);

const usage = `usage: npm run invoke -- <${Object.keys(FUNCTIONS)
  .filter((name) => /^[a-z]/.test(name))
  .join('|')}> <event.json>`;

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
