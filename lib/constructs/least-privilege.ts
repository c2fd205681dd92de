// Two policy rules AWS Control Tower's proactive controls ask of every stack, applied in one place each.
import { type IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * CT.KMS.PR.3: only AWS services may be granted use of the key (a grant lets its grantee use the key without the key
 * policy naming it). No function or person here creates grants.
 * https://docs.aws.amazon.com/controltower/latest/controlreference/kms-rules.html#ct-kms-pr-3-description
 */
export const limitGrantsToAwsServices = (key: kms.Key): void => {
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'DenyGrantsExceptForAwsServices',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }),
  );
};

/**
 * CT.LAMBDA.PR.2: a permission that lets an AWS service invoke a function names the account the call must come from,
 * beside its SourceArn, so no other account's resource of that service can invoke it (the confused deputy).
 * https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html
 */
export class InvokedFromOwnAccount implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof lambda.CfnPermission && node.sourceArn !== undefined && node.sourceAccount === undefined)
      node.sourceAccount = Stack.of(node).account;
  }
}
