import { describe, expect, it } from 'vitest';
import { localDateTimeText } from '../clock.js';

/** What Intl says a moment reads as in a zone, the reference both of wallClock's ways must match. */
function reference(at: Date, zone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

describe('timestamps in a store zone', () => {
  // Zones with half-hour, 45-minute and southern-hemisphere DST rules, and the date line.
  const zones = ['Europe/Rome', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Kiritimati', 'UTC'];

  it('read the same by the TZ swap (the first 200 per zone) and by the formatter (after)', () => {
    const saved = process.env.TZ;
    for (const zone of zones) {
      // 600 moments ~33 hours apart over two years cross every DST change, on both ways.
      for (let i = 0; i < 600; i++) {
        const at = new Date(Date.UTC(2026, 0, 1) + i * 33 * 3_600_000 + i * 60_000);
        expect(localDateTimeText(at.toISOString(), zone), `${zone} ${at.toISOString()}`).toBe(reference(at, zone));
      }
    }
    expect(process.env.TZ).toBe(saved);
  });

  it('leave the process zone as it was', () => {
    const at = new Date('2026-03-29T01:30:00Z');
    const before = at.getHours();
    expect(localDateTimeText(at.toISOString(), 'Asia/Tokyo')).toBe('2026-03-29 10:30');
    expect(at.getHours()).toBe(before);
  });
});
