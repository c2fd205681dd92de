// Where the browser test finds Chromium: CHROMIUM_PATH, else the first `chromium` or `chromium-browser` on PATH.
// Debian's package installs /usr/bin/chromium; CodeBuild's standard 7.0 image links /usr/local/bin/chromium
// (aws/aws-codebuild-docker-images, ubuntu/standard/7.0/Dockerfile), so neither path is assumed.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const NAMES = ['chromium', 'chromium-browser'];

export const findChromium = (environment: NodeJS.ProcessEnv = process.env): string => {
  if (environment.CHROMIUM_PATH) return environment.CHROMIUM_PATH;
  const directories = (environment.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const directory of directories)
    for (const name of NAMES) {
      const candidate = path.join(directory, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  throw new Error(`No Chromium: set CHROMIUM_PATH, or put chromium on PATH (searched ${directories.join(', ')})`);
};
