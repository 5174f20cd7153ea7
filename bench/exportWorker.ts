// Runs one export in its own process so its time and peak memory can be measured alone.
// Usage: node dist/bench/exportWorker.js <pdf|xlsx|csv|none> <products> <out>
import { writeFileSync } from 'node:fs';
import { pricelistBytes } from '../src/app/local/catalog.js';
import { buildPricelist } from '../src/domain/catalog/pricelist.js';
import type { BookLine } from '../src/domain/kernel/model.js';
import { fromCivil } from '../src/terms/dates.js';

const [format, countText, out] = process.argv.slice(2) as [string, string, string];
const count = Number(countText);
const categories = ['Desk phones', 'Video phones', 'DECT bases', 'DECT handsets', 'Headsets', 'Conferencing', 'Gateways', 'Łódź Специальные Ειδικά'];
const products: BookLine[] = [];
for (let i = 0; i < count; i++) {
  const sku = `GEN-${String(i).padStart(6, '0')}`;
  const monthly = BigInt(100 + (i % 5000));
  products.push({
    sku,
    name: `Generated device ${i} with a reasonably long product name ${i % 7 === 0 ? 'and a second line of description' : ''}`.trim(),
    category: categories[i % categories.length]!,
    hwaas: true,
    stocked: true,
    position: i,
    prices: { monthly, yearly: monthly * 10n, 'five-year': monthly * 45n, capex: monthly * 30n },
  });
}
const list = buildPricelist(products, {
  type: 'opex',
  currency: 'EUR',
  tier: 'silver',
  validFrom: fromCivil(2026, 1, 1),
  resale: false,
  date: fromCivil(2026, 11, 24),
  partner: { id: 'P', name: 'Łączność Plus Sp. z o.o.' },
  samplePrices: true,
  sandbox: false,
});
const start = process.hrtime.bigint();
if (format !== 'none') {
  // As the price list use case makes it (the file's bytes, as a server sends them), then written.
  writeFileSync(out, await pricelistBytes(list, format as 'pdf' | 'xlsx' | 'csv'));
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
