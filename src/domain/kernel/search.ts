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

/** German spelling without umlauts: "Müller" is also found as "mueller", "Straße" as "strasse". */
function germanKey(text: string): string {
  return searchKey(text.replace(/[äöüÄÖÜ]/g, (ch) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' })[ch] ?? ch));
}

/** A search for the store's query: the key, the key with German umlauts spelt out folded back ("mueller" → "muller"), and without spaces. */
export function customerSearch(query: string): { key: string; alt: string; compact: string } {
  const key = searchKey(query);
  return { key, alt: key.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u'), compact: key.replace(/\s+/g, '') };
}

/** Whether a customer matches a search: its name (accents or umlauts spelt out ignored), its ID, VAT number or e-mail. */
export function customerMatches(customer: { id: string; name: string; vat: string | null; email: string | null }, query: string): boolean {
  const key = searchKey(query);
  if (key === '') return true;
  const compact = key.replace(/\s+/g, '');
  return (
    searchKey(customer.name).includes(key) ||
    germanKey(customer.name).includes(key) ||
    customer.id.toLowerCase().includes(key) ||
    customer.vat?.toLowerCase().replace(/\s+/g, '').includes(compact) === true ||
    customer.email?.toLowerCase().includes(key) === true
  );
}

/**
 * What a customer is found by, in one text the store keeps beside it: the name's search
 * key, the ID, the VAT number without spaces and the e-mail, apart by U+0001 (which no
 * search holds), so that a search is one comparison per customer.
 */
export function customerSearchText(customer: { id: string; name: string; vat: string | null; email: string | null }): string {
  return [searchKey(customer.name), customer.id.toLowerCase(), (customer.vat ?? '').toLowerCase().replace(/\s+/g, ''), (customer.email ?? '').toLowerCase()].join('\u0001');
}
