/**
 * Organisation names as written in bills of materials and registries, normalised so that
 * "Microsoft Corporation", "MICROSOFT CORP." and "Microsoft" meet, while "Aztech" never meets
 * "ZTE": case, accents, punctuation and legal-form suffixes are dropped, and only whole names are
 * compared, never substrings.
 */

/**
 * Legal forms, as words after punctuation is removed. Only legal forms: words such as "Group",
 * "Holdings" or "Technologies" are part of names ("China Electronics Technology Group" and
 * "China Electronics Corporation" are two different state groups), and the short names people
 * write are curated as aliases instead.
 */
const SUFFIXES = new Set([
  'incorporated', 'inc', 'corporation', 'corp', 'company', 'co', 'limited', 'ltd', 'llc', 'llp', 'lp', 'plc',
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'se', 'ev', 'sa', 'sas', 'sarl', 'spa', 'srl', 'nv', 'bv', 'ab', 'asa', 'as', 'aps',
  'oy', 'oyj', 'kk', 'pte', 'pty', 'sro', 'zrt', 'kft', 'sp', 'zoo', 'pjsc', 'ojsc', 'jsc', 'ooo', 'pao', 'ao',
]);

/** CJK legal forms, removed from the end of the name before anything else. */
const CJK_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '株式会社', '주식회사', '公司'];

/**
 * The normal form of an organisation name: lower case, accents removed, `&` as "and", everything
 * that is not a letter or digit a space, legal-form words at the end dropped (but never all words).
 * Returns '' when nothing is left.
 */
export function normalizeName(name: string): string {
  let s = name.normalize('NFKC').trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of CJK_FORMS) {
      if (s.endsWith(f) && s.length > f.length) {
        s = s.slice(0, -f.length).trim();
        changed = true;
      }
    }
  }
  s = s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const words = s.split(' ').filter((w) => w !== '');
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}
