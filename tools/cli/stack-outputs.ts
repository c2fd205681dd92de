// A deployed stack's outputs, the names of its tables and bus, read from CloudFormation for the commands' --stack.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

/** The stack's outputs by key, read with the default credential chain and region. */
export const stackOutputs = async (stackName: string): Promise<Record<string, string>> => {
  const client = new CloudFormationClient({});
  try {
    const result = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = result.Stacks?.[0]?.Outputs ?? [];
    return Object.fromEntries(
      outputs.flatMap((output) => (output.OutputKey && output.OutputValue ? [[output.OutputKey, output.OutputValue]] : [])),
    );
  } finally {
    client.destroy();
  }
};
