// The IAM policy an authorizer returns: one execute-api:Invoke statement for every method of the API's stage.
import type { APIGatewayAuthorizerResult } from 'aws-lambda';

/**
 * `arn:aws:execute-api:region:account:api/stage/VERB/path…` becomes `…:api/stage/*`: a resource is limited to 512
 * characters (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html),
 * which a long path would pass, and a policy that names no one route stays right for every route, cached or not.
 */
export const stageWildcard = (methodArn: string): string => {
  const [apiArn, stage] = methodArn.split('/');
  return `${apiArn}/${stage}/*`;
};

export const accessPolicy = (principalId: string, effect: 'Allow' | 'Deny', methodArn: string): APIGatewayAuthorizerResult => ({
  principalId,
  policyDocument: {
    Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: stageWildcard(methodArn) }],
  },
});
