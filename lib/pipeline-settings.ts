// The deploy pipeline's settings live in cdk.json's context, committed: the pipeline's own synth (in CodeBuild, on
// every push) reads nothing else. A value given only with -c or through the environment exists for one command
// and would be lost at the pipeline's first self-update, so a synth of the pipeline refuses it.
// https://docs.aws.amazon.com/cdk/v2/guide/context.html
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type JwtSettings, jwtSettingsFrom } from '../functions/auth/jwt-settings.js';
import { DEFAULT_REVIEW_SLA_HOURS } from './constructs/review-backlog.js';
import type { PipelineSettings } from './pipeline-stack.js';
import { STATUS_INDEX_STEPS, type StatusIndexStep } from './tables.js';

/** Every setting of the pipeline and its stages, by its context name. */
export const PIPELINE_SETTINGS = [
  'repository',
  'branch',
  'connectionArn',
  'region',
  'devAccount',
  'prodAccount',
  'alarmEmail',
  'adminJwtJwksUrl',
  'adminJwtIssuer',
  'adminJwtAudience',
  'statusIndex',
  'reviewSlaHours',
] as const;
export type PipelineSettingName = (typeof PIPELINE_SETTINGS)[number];

/** The three that make a synth produce the pipeline instead of a stage. */
const SOURCE: readonly PipelineSettingName[] = ['repository', 'branch', 'connectionArn'];

/** The environment variables a hand-run stage deploy may take the console JWT settings from. */
const JWT_ENVIRONMENT = {
  adminJwtJwksUrl: 'ADMIN_JWT_JWKS_URL',
  adminJwtIssuer: 'ADMIN_JWT_ISSUER',
  adminJwtAudience: 'ADMIN_JWT_AUDIENCE',
};

export class UncommittedSetting extends Error {
  override name = 'UncommittedSetting';
}

type Lookup = (name: string) => string | undefined;

/** The context the CDK CLI reads from the project's committed files: cdk.json and cdk.context.json. */
export const committedContext = (directory: string): Record<string, unknown> => {
  const read = (file: string) =>
    existsSync(path.join(directory, file))
      ? ((JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as { context?: Record<string, unknown> }).context ?? {})
      : {};
  const cached = existsSync(path.join(directory, 'cdk.context.json'))
    ? (JSON.parse(readFileSync(path.join(directory, 'cdk.context.json'), 'utf8')) as Record<string, unknown>)
    : {};
  return { ...cached, ...read('cdk.json') };
};

const text = (value: unknown): string | undefined => (value === undefined || value === null || value === '' ? undefined : String(value));

/** The console JWT settings of a hand-run stage deploy: context first, else the environment. */
export const stageJwtSettings = (given: Lookup, environment: NodeJS.ProcessEnv): JwtSettings | undefined =>
  jwtSettingsFrom({
    jwksUrl: given('adminJwtJwksUrl') ?? text(environment.ADMIN_JWT_JWKS_URL),
    issuer: given('adminJwtIssuer') ?? text(environment.ADMIN_JWT_ISSUER),
    audience: given('adminJwtAudience') ?? text(environment.ADMIN_JWT_AUDIENCE),
  });

/**
 * The pipeline's settings when the context names a repository, a branch and a connection; undefined otherwise.
 * Throws UncommittedSetting, naming where the setting belongs, when a value differs from the committed one.
 */
export const pipelineSettingsFrom = (
  given: Lookup,
  committed: Record<string, unknown>,
  environment: NodeJS.ProcessEnv,
): PipelineSettings | undefined => {
  if (!SOURCE.every((name) => given(name))) return undefined;
  for (const name of PIPELINE_SETTINGS) {
    const value = given(name);
    if (value !== text(committed[name]))
      throw new UncommittedSetting(
        `${name} is given for this command only (-c ${name}=${value ?? ''}), and the pipeline's own synth reads cdk.json: ` +
          `set "${name}": ${JSON.stringify(value ?? '')} in cdk.json's "context", commit it, and run the command again without -c.`,
      );
  }
  for (const [name, variable] of Object.entries(JWT_ENVIRONMENT))
    if (text(environment[variable]) !== undefined && given(name) === undefined)
      throw new UncommittedSetting(
        `${variable} is set in this shell only, and the pipeline's own synth would not see it: ` +
          `set "${name}" in cdk.json's "context", commit it, and unset ${variable}.`,
      );
  const jwtGiven = Object.keys(JWT_ENVIRONMENT).filter((name) => given(name) !== undefined);
  if (jwtGiven.length > 0 && jwtGiven.length < 3)
    throw new UncommittedSetting(
      `adminJwtJwksUrl, adminJwtIssuer and adminJwtAudience go together; cdk.json's "context" has only ${jwtGiven.join(', ')}.`,
    );
  const region = given('region');
  const stage = (account: string | undefined) => ({ ...(account ? { account } : {}), ...(region ? { region } : {}) });
  const adminJwt = jwtSettingsFrom({
    jwksUrl: given('adminJwtJwksUrl'),
    issuer: given('adminJwtIssuer'),
    audience: given('adminJwtAudience'),
  });
  const alarmEmail = given('alarmEmail');
  const statusIndex = statusIndexStep(given);
  const reviewSlaHours = reviewSlaHoursFrom(given);
  return {
    repository: given('repository') as string,
    branch: given('branch') as string,
    connectionArn: given('connectionArn') as string,
    dev: stage(given('devAccount')),
    prod: stage(given('prodAccount')),
    ...(adminJwt ? { adminJwt } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(statusIndex ? { statusIndex } : {}),
    reviewSlaHours,
  };
};

/** The committed step of a table's switch away from by-status (lib/tables.ts), if one is under way. */
export const statusIndexStep = (given: Lookup): StatusIndexStep | undefined => {
  const step = given('statusIndex');
  if (step === undefined) return undefined;
  if (!(STATUS_INDEX_STEPS as readonly string[]).includes(step))
    throw new UncommittedSetting(
      `statusIndex must be one of ${STATUS_INDEX_STEPS.join(', ')}, or empty once the switch is done; it is "${step}".`,
    );
  return step as StatusIndexStep;
};

/** The committed review SLA in hours (reviewSlaHours): how long a held referral may wait before the alarm; 48 when unset. */
export const reviewSlaHoursFrom = (given: Lookup): number => {
  const value = given('reviewSlaHours');
  if (value === undefined) return DEFAULT_REVIEW_SLA_HOURS;
  const hours = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(hours > 0) || hours > 24 * 90)
    throw new UncommittedSetting(`reviewSlaHours must be a number of hours above 0 and at most ${24 * 90}; it is "${value}".`);
  return hours;
};
