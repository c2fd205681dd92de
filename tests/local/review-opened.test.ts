// npm start shows a hold as AWS would: the pipeline's write into review_required, on npm start's DynamoDB Local, comes
// out of the local stream poller as one referral.review_opened in LOCAL_EVENTS_FILE; `npm run events -- replay`
// publishes it again with its event_id, and the backlog pass counts it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamodb-client.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/dynamodb-local.js';
import { eventsCommand } from '../../tools/cli/commands/events.js';
import { runCommand } from '../../tools/cli/runner.js';
import { npmStart, stopAll } from '../support/npm-start.js';

afterEach(stopAll);

const entriesIn = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];

describe('npm start and a referral the pipeline holds', () => {
  it('publishes referral.review_opened into LOCAL_EVENTS_FILE, replays it with its event_id, and counts it in the backlog', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'opened-')), 'events.jsonl');
    const api = await npmStart({ LOCAL_EVENTS_FILE: file });
    const db = createDocumentClient({ endpoint: api.dynamoEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      const id = 'held-by-the-pipeline';
      await db.send(
        new PutCommand({
          TableName: api.tables.referrals,
          Item: { pk: id, sk: 'attribution', id, status: 'attributed', created_at: new Date().toISOString() },
        }),
      );
      const started = Date.now();
      await db.send(
        new UpdateCommand({
          TableName: api.tables.referrals,
          Key: { pk: id, sk: 'attribution' },
          UpdateExpression: 'SET #status = :held, risk_flags = :flags, referrer_user_id = :referrer',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':held': 'review_required', ':flags': ['velocity'], ':referrer': 'user-ring' },
        }),
      );
      const opened = () => entriesIn(file).filter((entry) => entry.DetailType === 'referral.review_opened');
      while (opened().length === 0 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
      console.info(`npm start: referral.review_opened in LOCAL_EVENTS_FILE ${Date.now() - started} ms after the hold`);
      expect(opened()).toHaveLength(1);
      const detail = JSON.parse(opened()[0].Detail);
      expect(detail).toMatchObject({ attribution_id: id, referrer_user_id: 'user-ring', risk_flags: ['velocity'] });
      expect(detail.event_id).toBe(`${id}:${detail.held_at}`);
      expect(api.output()).toContain(`event referral.review_opened ${id} ${detail.event_id}`);

      const out: string[] = [];
      const since = new Date(Date.parse(detail.held_at) - 1_000).toISOString();
      const code = await runCommand(
        eventsCommand,
        ['replay', '--since', since, '--attribution', id],
        { out: (line) => out.push(line), err: (line) => out.push(line) },
        { DYNAMODB_ENDPOINT: api.dynamoEndpoint, REFERRALS_TABLE: api.tables.referrals, LOCAL_EVENTS_FILE: file },
      );
      expect(code, out.join('\n')).toBe(0);
      expect(opened().map((entry) => JSON.parse(entry.Detail).event_id)).toEqual([detail.event_id, detail.event_id]);

      const { stdout } = await promisify(execFile)(
        'npm',
        ['run', '-s', 'invoke', '--', 'review-backlog', 'events/review-backlog-schedule.json'],
        {
          env: { ...process.env, DYNAMODB_ENDPOINT: api.dynamoEndpoint, REFERRALS_TABLE: api.tables.referrals },
        },
      );
      const report = JSON.parse(stdout);
      expect(report).toMatchObject({ withoutHeldAt: 0, shardsCut: 0 });
      expect(report.heldCount).toBeGreaterThan(1);
    } finally {
      db.destroy();
    }
  }, 120_000);
});
