// The Debian archive index apt keeps on this machine (after `apt-get update`), read locally: never
// the network. Shared by scripts/import-debian.mjs and scripts/rank-image-sources.mjs.
import { execFileSync } from 'node:child_process';

/**
 * The Packages index of the first Debian suite's main component apt lists (not -updates,
 * -security or -backports): its file, codename, component and architecture.
 */
export function findDebianIndex() {
  const text = execFileSync('apt-get', ['indextargets', '--format', '$(FILENAME)\t$(CODENAME)\t$(COMPONENT)\t$(ARCHITECTURE)\t$(CREATED_BY)\t$(SITE)'], { encoding: 'utf8' });
  for (const line of text.split('\n')) {
    const [file, codename, component, arch, kind, site] = line.split('\t');
    if (kind === 'Packages' && component === 'main' && !/-(updates|security|backports)$/.test(codename ?? '') && /debian/.test(site ?? '')) {
      return { file, codename, component, arch };
    }
  }
  throw new Error('no Debian main Packages index: run apt-get update first');
}

/** The text of an index apt keeps compressed (lz4, xz, gz): apt's own helper decompresses it. */
export function catIndex(file) {
  return execFileSync('/usr/lib/apt/apt-helper', ['cat-file', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
}

/** A field of a deb822 record (`Package`, `Source`, `Homepage`...), trimmed. */
export const field = (text, name) => new RegExp(`^${name}: (.*)$`, 'm').exec(text)?.[1]?.trim();

/** The records of a Packages index. */
export const records = (text) => text.split('\n\n');
