// Reads a function's environment once, validated into a frozen, typed config that names what is missing.
import * as v from 'valibot';

export const readConfig = <S extends v.GenericSchema>(schema: S, env: NodeJS.ProcessEnv = process.env): Readonly<v.InferOutput<S>> => {
  const result = v.safeParse(schema, env);
  if (!result.success) {
    const problems = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(environment)'}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return Object.freeze(result.output);
};

export const requiredVariable = v.pipe(v.string('is required'), v.nonEmpty('is required'));
