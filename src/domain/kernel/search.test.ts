import { describe, expect, it } from 'vitest';
import { customerSearchText, searchKey } from './search.js';

describe('search keys', () => {
  it.each([
    ['Łódź Telekom', 'lodz telekom'],
    ['Müller GmbH', 'muller gmbh'],
    ['Straße', 'strasse'],
    ['Αθηναϊκή', 'αθηναικη'],
    ['ООО «Северный ветер»', 'ооо «северныи ветер»'],
    ['  Café   Zürich ', 'cafe zurich'],
  ])('%s → %s', (text, key) => {
    expect(searchKey(text)).toBe(key);
  });
});

describe("a customer's search text", () => {
  it("is its name's key, ID, VAT number without spaces and e-mail, apart by a character no search holds", () => {
    expect(customerSearchText({ id: 'CUS-0001', name: 'Müller GmbH', vat: 'DE 123 456', email: 'IT@Mueller.example' })).toBe('muller gmbh\u0001cus-0001\u0001de123456\u0001it@mueller.example');
    expect(customerSearchText({ id: 'K-1', name: 'Łódź', vat: null, email: null })).toBe('lodz\u0001k-1\u0001\u0001');
  });
});
