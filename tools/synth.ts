// `npm run synth`: `cdk synth --quiet` that prints nothing on success. CDK announces each asset it bundles on stderr;
// those lines are dropped, anything else (a warning, an error) is printed, and a failure prints everything.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const cdk = path.resolve(import.meta.dirname, '../node_modules/.bin/cdk');
const result = spawnSync(cdk, ['synth', '--quiet', ...process.argv.slice(2)], { encoding: 'utf8' });
// The app's one line on how to get the deploy pipeline is information too.
const noise = /^(Bundling asset \S+\.\.\.|Deploy pipeline: set repository, branch and connectionArn .*)$/;
if (result.status === 0) {
  const said = `${result.stdout}${result.stderr}`.split('\n').filter((line) => line.trim() && !noise.test(line.trim()));
  if (said.length) console.error(said.join('\n'));
} else {
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? String(result.error ?? ''));
}
process.exitCode = result.status ?? 1;
