// How the stack makes a function: bundled by the local esbuild, its own role and log group, and grants that name
// their table or index. Resources are made in the stack's own scope, so their logical ids stay as they were.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy, type Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT_SECONDS } from '../runtime-settings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundled with the locally installed esbuild: minified CommonJS, with the AWS SDK inside (the version tested is the
 * version deployed, and one minified file loads faster than the runtime's many SDK modules). Source maps are kept
 * beside the bundle for offline symbolication, without sources; no function runs with --enable-source-maps, which
 * adds tens of milliseconds to loading and more to the first stack trace.
 */
export const bundling = {
  externalModules: [] as string[],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  format: OutputFormat.CJS,
  target: 'node24',
  forceDockerBundling: false,
  // esbuild's size table is information, not a warning: a successful synth stays quiet.
  logLevel: LogLevel.WARNING,
};

export const createFunction = (
  stack: Stack,
  id: string,
  entry: string,
  environment: Record<string, string>,
  removalPolicy: RemovalPolicy,
  timeoutSeconds = FUNCTION_TIMEOUT_SECONDS,
): NodejsFunction => {
  const logGroup = new logs.LogGroup(stack, `${id}Logs`, { retention: logs.RetentionDays.ONE_YEAR, removalPolicy });
  // Its own role, allowed to write only to its own log group (no AWS managed policy).
  const role = new iam.Role(stack, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  const fn = new NodejsFunction(stack, id, {
    role,
    entry: path.join(root, entry),
    handler: 'handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: FUNCTION_MEMORY_MB,
    timeout: Duration.seconds(timeoutSeconds),
    environment,
    bundling,
    projectRoot: root,
    depsLockFilePath: path.join(root, 'package-lock.json'),
    logGroup,
    // X-Ray from the runtime alone: no tracing SDK in the bundle.
    tracing: lambda.Tracing.ACTIVE,
  });
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions; the table and log grants name their resources.',
  });
  return fn;
};

/**
 * Grants actions on a table, or on one of its indexes, and nothing else: Table.grant would add every index of the
 * table (`<arn>/index/*`) to each grant.
 */
export const grantOn = (fn: lambda.IFunction, table: dynamodb.ITable, actions: string[], index?: string): void => {
  if (actions.length === 0) return;
  fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [index ? `${table.tableArn}/index/${index}` : table.tableArn] }));
};
