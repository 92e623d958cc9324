/**
 * Organisation names as written in bills of materials and registries, normalised so that
 * "Microsoft Corporation", "MICROSOFT CORP." and "Microsoft" meet, while "Aztech" never meets
 * "ZTE": case, accents, punctuation and legal-form suffixes are dropped, and only whole names are
 * compared, never substrings.
 */

/** Legal forms, as words after punctuation is removed (longest first where they overlap). */
const LEGAL_FORMS = [
  'incorporated', 'inc', 'corporation', 'corp', 'company', 'co', 'limited', 'ltd', 'llc', 'llp', 'lp', 'plc',
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'se', 'ev', 'sa', 'sas', 'sarl', 'spa', 'srl', 'nv', 'bv', 'ab', 'asa', 'as', 'aps',
  'oy', 'oyj', 'kk', 'pte', 'pty', 'sro', 'as', 'zrt', 'kft', 'sp', 'zoo', 'pjsc', 'ojsc', 'jsc', 'ooo', 'pao', 'ao',
  'holdings', 'holding', 'group', 'the', 'and', 'technologies', 'technology',
];
// "group", "holdings", "technologies" are dropped only at the end, like legal forms: "Huawei
// Technologies Co., Ltd." and "Huawei" meet, but a name is never reduced to nothing.
const SUFFIXES = new Set(LEGAL_FORMS.filter((w) => w !== 'the' && w !== 'and'));

/** CJK legal forms, removed from the end of the name before anything else. */
const CJK_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '株式会社', '집단', '주식회사', '公司', '集团'];

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
