import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/run.js';
import { InputError } from '../src/errors.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, with the repository root as working directory. */
export async function cli(
  argv: string[],
  opts: { stdin?: string | Buffer; stdoutIsTTY?: boolean; stderrIsTTY?: boolean; cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...(opts.stdin !== undefined ? { stdin: Readable.from([Buffer.from(opts.stdin)]) } : {}),
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
    stderrIsTTY: opts.stderrIsTTY ?? false,
    cwd: opts.cwd ?? ROOT,
    ...(opts.env ? { env: opts.env } : {}),
  });
  return { code, stdout, stderr };
}

/** Captures the InputError a function throws (and fails when it throws something else, or nothing). */
export function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}
