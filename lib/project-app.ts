// A CDK App with the project's feature flags from cdk.json, as `cdk synth` runs it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';

export const CDK_CONTEXT = (
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;

export const projectApp = (props: AppProps = {}): App => new App({ ...props, context: { ...CDK_CONTEXT, ...props.context } });

/**
 * The same App for template assertions: no stack is bundled (the 'aws:cdk:bundling-stacks' context CDK's CLI
 * sets for --exclusively), so the tests print no bundler output and skip work the template does not need.
 */
export const templateApp = (props: AppProps = {}): App =>
  projectApp({ ...props, context: { 'aws:cdk:bundling-stacks': [], ...props.context } });
