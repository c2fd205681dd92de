// A regional web ACL in front of the API: bodies over the functions' limit are blocked before they reach API Gateway's
// integration, so a multi-megabyte body is a clean 403 (WAF_FILTERED) instead of a Lambda payload error (500).
// Body inspection and oversize handling: https://docs.aws.amazon.com/waf/latest/developerguide/waf-oversize-request-components.html
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export type ApiFirewallProps = { stage: apigateway.Stage; maxBodyBytes: number; name: string };

export class ApiFirewall extends Construct {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: false });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${props.name}-all`),
      rules: [
        {
          name: 'body-size',
          priority: 0,
          action: { block: {} },
          visibilityConfig: visibility(`${props.name}-body-size`),
          statement: {
            sizeConstraintStatement: {
              // API Gateway REST APIs let WAF inspect the first 16 KB of a body by default; oversize handling MATCH
              // makes any longer body match, so nothing over the limit passes uninspected.
              fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
              comparisonOperator: 'GT',
              size: props.maxBodyBytes,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
