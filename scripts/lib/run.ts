import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './topology';

/** A tool installed in the workspace root. */
export const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(command: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

/** Each workspace seeds what it owns through its own `seed` script. */
export function seedWorkspaces(env: Record<string, string>, args: string[] = []): Promise<number> {
  return run('npm', ['run', 'seed', '--workspaces', '--if-present', '--silent', ...(args.length ? ['--', ...args] : [])], env);
}
