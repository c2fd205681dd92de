// `npm run smoke`: checks a deployment without harming real data; with --write, one reject and one approve end to end,
// each on a fresh referral with a note, cleaned up after.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSmokeRecords } from '../../../functions/adapters/smoke-records.js';
import { defineCommand, UsageError } from '../runner.js';
import { resolveTable, TARGET_HELP, TARGET_OPTIONS, withTargetClient } from '../target.js';

const SMOKE_USAGE = `usage: npm run smoke -- --url <base url> (--key <admin key> | --key-file <path> | --token <jwt>) [--write] [target]
--write puts two uniquely named referrals, rejects one and approves the other through the API, checks each result and
removes them (their usage records stay, marked smoke: true); it needs table access through a target.
${TARGET_HELP}`;

/** The envelope fields the checks read; anything else in an answer is left alone. */
type Envelope = {
  code?: number;
  request_id?: string;
  error?: { type?: string };
  data?: { attribution?: { id?: string; status?: string; reviewed_by?: string }; text?: string; by?: string };
};
type Answer = { status: number; headers: Headers; body: Envelope | undefined };

const RATE_LIMIT_HEADERS = ['ratelimit-policy', 'ratelimit', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

const isEnvelope = (answer: Answer, status: number, type?: string) =>
  answer.status === status &&
  answer.body?.code === status &&
  // API Gateway sends its own id in x-amz-apigw-id on every answer, its own and the function's alike.
  answer.headers.get('x-amz-apigw-id') === answer.body?.request_id &&
  (type === undefined || answer.body?.error?.type === type);

/** Exits 1 when a check failed; its lines say which. */
export const smokeCommand = defineCommand({
  name: 'smoke',
  usage: SMOKE_USAGE,
  options: {
    url: { type: 'string' },
    key: { type: 'string' },
    'key-file': { type: 'string' },
    token: { type: 'string' },
    ...TARGET_OPTIONS,
    write: { type: 'boolean', default: false },
  },
  async run({ values, env, io }) {
    let failures = 0;
    const check = (name: string, passed: boolean, detail: () => string) => {
      if (passed) io.out(`ok    ${name}`);
      else {
        failures += 1;
        io.out(`FAIL  ${name}: ${detail()}`);
      }
    };
    if (!values.url || !URL.canParse(values.url)) throw new UsageError('--url <base url> is required, e.g. the stack output ApiUrl');
    // A key from a file stays out of the process list and the build log.
    const key = values['key-file'] ? readFileSync(values['key-file'], 'utf8').trim() : values.key;
    if ([values.key, values['key-file'], values.token].filter(Boolean).length !== 1)
      throw new UsageError('give exactly one of --key <admin key>, --key-file <path> or --token <jwt>');
    // --write needs a target; a missing one is a usage error before anything is sent.
    if (values.write && !values.stack && !env.DYNAMODB_ENDPOINT && !(env.REFERRALS_TABLE && env.USAGE_TABLE))
      throw new UsageError('--write needs a target: --stack <name> or --endpoint <url> (DynamoDB Local)');
    const base = values.url.endsWith('/') ? values.url : `${values.url}/`;
    const credentials: Record<string, string> = key ? { 'x-api-key': key } : { authorization: `Bearer ${values.token}` };
    const call = async (method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> => {
      const response = await fetch(new URL(path, base), { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      let parsed: Envelope | undefined;
      try {
        parsed = JSON.parse(text) as Envelope;
      } catch {
        parsed = undefined;
      }
      return { status: response.status, headers: response.headers, body: parsed };
    };
    const show = (answer: Answer) => `${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;

    const missing = await call('POST', `api/v1/admin/referrals/smoke-missing-${randomUUID()}/reject`, credentials);
    check('an unknown referral answers 404 not_found in the envelope', isEnvelope(missing, 404, 'not_found'), () => show(missing));
    check(
      'the rate-limit headers are present',
      RATE_LIMIT_HEADERS.every((name) => missing.headers.has(name)),
      () => `missing ${RATE_LIMIT_HEADERS.filter((name) => !missing.headers.has(name)).join(', ')}`,
    );
    const anonymous = await call('POST', `api/v1/admin/referrals/smoke-${randomUUID()}/reject`);
    check('no credentials answer 401 unauthorized in the envelope', isEnvelope(anonymous, 401, 'unauthorized'), () => show(anonymous));
    const nowhere = await call('POST', `api/v1/admin/smoke-no-such-route-${randomUUID()}`, credentials);
    check('an unknown route answers 404 route_not_found', isEnvelope(nowhere, 404, 'route_not_found'), () => show(nowhere));

    if (values.write) {
      const referralsTable = await resolveTable(values, env, {
        output: 'ReferralsTableName',
        variable: 'REFERRALS_TABLE',
        local: 'referrals',
      });
      const usageTable = await resolveTable(values, env, { output: 'UsageTableName', variable: 'USAGE_TABLE', local: 'usage' });
      await withTargetClient(env, async (client) => {
        const records = createSmokeRecords(client, { referrals: referralsTable, usage: usageTable });
        // Both decisions, each on a fresh referral of its own: a reject, then an approve.
        for (const [action, status] of [
          ['reject', 'rejected'],
          ['approve', 'qualified'],
        ] as const) {
          const id = `smoke-${randomUUID()}`;
          await records.putHeldReferral(id, new Date().toISOString());
          const decided = await call(
            'POST',
            `api/v1/admin/referrals/${id}/${action}`,
            { ...credentials, 'content-type': 'application/json' },
            '{"reason":"smoke test"}',
          );
          check(
            `a held referral is ${status}: 200 with the attribution`,
            isEnvelope(decided, 200) && decided.body?.data?.attribution?.id === id && decided.body?.data?.attribution?.status === status,
            () => show(decided),
          );
          // A note on the decided referral: 201 with the server's author, and kept beside it.
          const noted = await call(
            'POST',
            `api/v1/admin/referrals/${id}/notes`,
            { ...credentials, 'content-type': 'application/json' },
            '{"text":"smoke test note"}',
          );
          check('a note is added: 201 with its author', isEnvelope(noted, 201) && noted.body?.data?.text === 'smoke test note', () =>
            show(noted),
          );
          if (typeof noted.body?.data?.by === 'string' && typeof noted.body?.request_id === 'string')
            await records.markSmoke(await records.readUsageRecords(noted.body.data.by, noted.body.request_id));
          const stored = await records.readReferral(id);
          check(
            `the stored referral is ${status}`,
            stored.attribution?.status === status,
            () => `stored status ${stored.attribution?.status}`,
          );
          const userId = decided.body?.data?.attribution?.reviewed_by;
          const requestId = decided.body?.request_id;
          if (typeof userId === 'string' && typeof requestId === 'string') {
            const usage = await records.readUsageRecords(userId, requestId);
            check(`exactly one usage record for the ${action}, of 1 credit`, usage.length === 1 && usage[0]?.credits === 1, () =>
              JSON.stringify(usage),
            );
            // Real billing data: kept, and marked so that billing can tell it apart.
            await records.markSmoke(usage);
          } else {
            check(`exactly one usage record for the ${action}, of 1 credit`, false, () => 'no reviewer or request id in the answer');
          }
          await records.removeReferral(stored.items);
          io.out(`ok    removed ${id}; its usage record stays, marked smoke: true`);
        }
      });
    }
    io.out(failures === 0 ? 'smoke test passed' : `smoke test failed: ${failures} check(s)`);
    return failures === 0 ? 0 : 1;
  },
});
