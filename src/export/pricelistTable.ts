import { type Pricelist, monthlyEquivalent, pricelistItems } from '../domain/catalog/pricelist.js';

/** The flat table that CSV and XLSX share: header and rows of text or minor units. */
export function pricelistTable(list: Pricelist): { header: string[]; amountColumns: number[]; rows: (string | bigint)[][] } {
  if (list.type === 'opex') {
    return {
      header: ['sku', 'name', 'category', 'monthly', 'yearly', 'five-year', 'yearlyPerMonth', 'fiveYearPerMonth'],
      amountColumns: [3, 4, 5, 6, 7],
      rows: pricelistItems(list).map((i) => [
        i.sku,
        i.name,
        i.category,
        i.prices!.monthly,
        i.prices!.yearly,
        i.prices!['five-year'],
        monthlyEquivalent(i.prices!.yearly, 'yearly'),
        monthlyEquivalent(i.prices!['five-year'], 'five-year'),
      ]),
    };
  }
  return { header: ['sku', 'name', 'category', 'price'], amountColumns: [3], rows: pricelistItems(list).map((i) => [i.sku, i.name, i.category, i.price!]) };
}
