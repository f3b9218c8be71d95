// A `cruddur serve` of a test's own (CRUDDUR_BINARY, default build/cruddur) on a free 127.0.0.1 port with
// web/dist, for tests that need a server configured differently (Cognito) or one they may stop and start
// again (the stream killed server-side). Stopped by its PID.
import { execFileSync, spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const engines = path.join(repo, 'tests', 'engines');
const binary = path.resolve(repo, process.env.CRUDDUR_BINARY || 'build/cruddur');

export function freePort() {
  return Number(execFileSync('bash', [path.join(engines, 'free-port.sh')], { encoding: 'utf8' }).trim());
}

/**
 * Starts `cruddur serve --listen 127.0.0.1:<port> --data <dataDir> --web-root web/dist <args>` and waits for
 * /api/health. Resolves to {url, port, stop()}; stop() sends SIGTERM (the server closes its streams with
 * 1001), SIGKILL after 5 s.
 */
export async function startServer({ dataDir, log, port = freePort(), args = [], env = process.env }) {
  const url = `http://127.0.0.1:${port}`;
  const fd = openSync(log, 'a');
  const child = spawn(
    binary,
    ['serve', '--listen', `127.0.0.1:${port}`, '--data', dataDir, '--web-root', path.join(repo, 'web', 'dist'), ...args],
    { env, stdio: ['ignore', fd, fd] },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  for (let i = 0; ; i += 1) {
    if (child.exitCode !== null) throw new Error(`cruddur exited with ${child.exitCode}; log: ${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {}
    if (i > 200) {
      await stop();
      throw new Error(`cruddur did not answer /api/health; log: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, port, stop };
}
