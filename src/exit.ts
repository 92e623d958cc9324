/**
 * The one exit-code table (also in the README). Note that grype and ORT use the opposite
 * convention for some codes; wherefrom keeps "1 = the policy found something" apart from
 * "2 = you gave it something it could not read".
 */
export const EXIT = {
  /** Everything read; nothing at or above `--fail-on`. */
  OK: 0,
  /** Policy findings at or above `--fail-on`. */
  FINDINGS: 1,
  /** Usage error, or input that could not be read (the rest of the input is still reported). */
  INPUT: 2,
  /** Internal error: a bug in wherefrom. */
  INTERNAL: 3,
} as const;

/**
 * An exit code of the command line (see {@link EXIT}).
 */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
