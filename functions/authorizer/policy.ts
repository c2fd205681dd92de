// The IAM policy an authorizer returns: one execute-api:Invoke statement.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';

export const accessPolicy = (principalId: string, effect: 'Allow' | 'Deny', resource: string): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
  },
});
