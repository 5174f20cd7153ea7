// Letters that Unicode does not decompose into a base letter and an accent.
const FOLDS: Readonly<Record<string, string>> = {
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/** Case- and accent-free form of a text, so that "lodz" finds "Łódź" and "muller" finds "Müller". */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[łđðøßæœþıħ]/g, (ch) => FOLDS[ch] ?? ch)
    .replace(/\s+/g, ' ')
    .trim();
}
