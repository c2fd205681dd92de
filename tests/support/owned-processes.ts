// Ties a process group a test run starts (npm start, a CDK synth) to the process that started it: once that process
// is gone, however it went (a run interrupted, a worker stopped), a detached watchdog ends the group.
import { spawn } from 'node:child_process';

const WATCHDOG = `const [owner, group] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
setInterval(() => {
  if (!alive(-group)) process.exit(0);
  if (!alive(owner)) { try { process.kill(-group, 'SIGTERM'); } catch {} process.exit(0); }
}, 500);`;

/** Ends the group this detached child leads when the current process is gone. */
export const endWithThisProcess = (groupLeader: number | undefined): void => {
  if (groupLeader === undefined) return;
  spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(groupLeader)], { detached: true, stdio: 'ignore' }).unref();
};
