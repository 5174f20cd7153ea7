import { describe, expect, it } from 'vitest';
import { type Column, PLAIN_STYLE, renderTable, wrapText } from './style.js';

interface Row {
  id: string;
  name: string;
  type: string;
  amount: string;
}
const rows: Row[] = [
  { id: 'PBX-1001', name: 'A very long name that goes on and on and on', type: 'hardware', amount: '€1,234.56' },
  { id: 'PBX-1002', name: 'Short', type: 'cloud', amount: '€1.00' },
];
const columns: Column<Row>[] = [
  { header: 'PBX', value: (r) => r.id },
  { header: 'Name', value: (r) => r.name, shrink: true },
  { header: 'Type', value: (r) => r.type, drop: 1 },
  { header: 'Amount', value: (r) => r.amount, align: 'right' },
];
const widest = (text: string) =>
  Math.max(
    ...text
      .split('\n')
      .filter((l) => !l.startsWith('('))
      .map((l) => [...l].length),
  );

describe('tables that fit the terminal', () => {
  it('piped (no width): every character, every column', () => {
    const text = renderTable(PLAIN_STYLE, columns, rows);
    expect(text).toContain('A very long name that goes on and on and on');
    expect(text).toContain('hardware');
  });
  it('a long name is shortened with … first; IDs and amounts never are', () => {
    const text = renderTable({ ...PLAIN_STYLE, width: 60 }, columns, rows);
    expect(widest(text)).toBeLessThanOrEqual(60);
    expect(text).toContain('…');
    expect(text).toContain('PBX-1001');
    expect(text).toContain('€1,234.56');
    expect(text).toContain('hardware');
  });
  it('then a droppable column is left out, and a note says which', () => {
    const text = renderTable({ ...PLAIN_STYLE, width: 40 }, columns, rows);
    expect(widest(text)).toBeLessThanOrEqual(40);
    expect(text).not.toContain('hardware');
    expect(text).toContain('(hidden to fit: Type; --wide shows them)');
  });
});

describe('sentences at a terminal', () => {
  it('wrap by words at the width, keep indentation and commands in backticks whole, leave tables alone', () => {
    const text = 'hwaas: Bäckerei Schröder KG (CUS-0002) has no signed HWaaS agreement on file: register it with `hwaas agreements add --customer CUS-0002 --signed-on YYYY-MM-DD`.';
    const lines = wrapText(text, 60).split('\n');
    expect(lines.every((l) => [...l].length <= 60 || l.startsWith('`'))).toBe(true);
    expect(lines.some((l) => l.includes('`hwaas agreements add --customer CUS-0002 --signed-on YYYY-MM-DD`.'))).toBe(true);
    expect(
      wrapText('  indented words that go on and on and on', 20)
        .split('\n')
        .every((l) => l.startsWith('  ')),
    ).toBe(true);
    expect(wrapText('│ a table row that is much wider than twenty │', 20)).toBe('│ a table row that is much wider than twenty │');
    expect(wrapText(text, null)).toBe(text);
  });
});
