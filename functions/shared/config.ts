// Reads a function's environment once, validated into a frozen, typed config that names what is missing.
import * as v from 'valibot';

export const readConfig = <S extends v.GenericSchema>(schema: S, env: NodeJS.ProcessEnv = process.env): Readonly<v.InferOutput<S>> => {
  const result = v.safeParse(schema, env);
  if (!result.success) {
    const problems = result.issues.map(
      (issue) => `${v.getDotPath(issue) ?? '(environment)'}: ${issue.input === undefined ? 'is required' : issue.message}`,
    );
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return Object.freeze(result.output);
};

export const requiredVariable = v.pipe(v.string('is required'), v.nonEmpty('is required'));

/** An optional variable; declared but empty (as the stack declares DYNAMODB_ENDPOINT in AWS) counts as absent. */
export const optionalVariable = v.pipe(
  v.optional(v.string(), ''),
  v.transform((value) => (value === '' ? undefined : value)),
);

/** What every function reads: where DynamoDB is (empty in AWS), and the Powertools names. */
export const CommonConfigSchema = v.object({
  DYNAMODB_ENDPOINT: v.pipe(optionalVariable, v.union([v.undefined(), v.pipe(v.string(), v.url('must be a URL'))])),
  POWERTOOLS_SERVICE_NAME: v.optional(v.string(), 'referrals-admin'),
  POWERTOOLS_METRICS_NAMESPACE: v.optional(v.string(), 'ReferralsAdmin'),
  /** The deployment stage; a dimension of every metric, so that stages sharing an account keep apart. */
  STAGE: v.optional(v.pipe(v.string(), v.nonEmpty()), 'local'),
});
export type CommonConfig = v.InferOutput<typeof CommonConfigSchema>;

export const readCommonConfig = (env: NodeJS.ProcessEnv = process.env): Readonly<CommonConfig> => readConfig(CommonConfigSchema, env);
