// What API Gateway accepts from a REQUEST authorizer, and whether the policy it returns allows the method.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';
import { matchesArn } from './iam-arn.js';

type Statement = { Effect?: unknown; Action?: unknown; Resource?: unknown };

/**
 * The authorizer's output must hold a principalId and a policy document; context values may only be strings,
 * numbers or booleans ("you cannot set a JSON object or array as a valid value of any key in the context map",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html).
 * Anything else is an AUTHORIZER_CONFIGURATION_ERROR.
 */
export const readAuthorizerOutput = (
  output: unknown,
): { principalId: string; statements: Statement[]; context: Record<string, string> } | undefined => {
  if (typeof output !== 'object' || output === null) return undefined;
  const { principalId, policyDocument, context } = output as APIGatewayAuthorizerResult;
  if (typeof principalId !== 'string' || typeof policyDocument !== 'object' || policyDocument === null) return undefined;
  const statements = (policyDocument as { Statement?: unknown }).Statement;
  if (!Array.isArray(statements) || statements.length === 0) return undefined;
  const values = Object.entries(context ?? {});
  if (!values.every(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))) return undefined;
  return { principalId, statements, context: Object.fromEntries(values.map(([key, value]) => [key, String(value)])) };
};

const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string');

/**
 * IAM evaluation of the returned policy against the method ARN: an explicit Deny wins, then an Allow, else denied.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
 */
export const policyAllows = (statements: Statement[], methodArn: string): boolean => {
  const applies = (statement: Statement) =>
    listOf(statement.Action).some((action) => ['execute-api:Invoke', 'execute-api:*', '*'].includes(action)) &&
    listOf(statement.Resource).some((resource) => matchesArn(resource, methodArn));
  if (statements.some((statement) => statement.Effect === 'Deny' && applies(statement))) return false;
  return statements.some((statement) => statement.Effect === 'Allow' && applies(statement));
};
