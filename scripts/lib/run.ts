import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './topology';

/** A tool installed in the workspace root. */
export const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

export interface RunOptions {
  /** The environment to start from instead of this process's. */
  env?: NodeJS.ProcessEnv;
  /** Capture the output and print it only if the command fails. */
  quiet?: boolean;
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  cwd = ROOT,
  options: RunOptions = {},
): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...(options.env ?? process.env), ...env },
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      if (status !== 0 && options.quiet) process.stderr.write(Buffer.concat(output));
      resolvePromise(status);
    });
  });
}

/** Each workspace seeds what it owns through its own `seed` script. */
export function seedWorkspaces(env: Record<string, string>, args: string[] = []): Promise<number> {
  return run(
    'npm',
    ['run', 'seed', '--workspaces', '--if-present', '--silent', ...(args.length ? ['--', ...args] : [])],
    env,
  );
}
