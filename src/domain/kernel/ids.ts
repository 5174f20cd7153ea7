/**
 * IDs as hwaas writes them, from however people type them: capitals, the hyphen after a
 * known prefix (`pbx1001` → PBX-1001), a quote number's five digits (`q-2026-1` → Q-2026-00001).
 */
export function canonicalId(text: string): string {
  const id = text.trim().toUpperCase();
  const quote = /^Q-?(\d{4})-?(\d{1,5})$/.exec(id);
  if (quote) return `Q-${quote[1]}-${quote[2]!.padStart(5, '0')}`;
  const prefixed = /^(PBX|CUS|PTR|USR|ORD|CAN|RMA|AGR)(\d+)$/.exec(id);
  return prefixed ? `${prefixed[1]}-${prefixed[2]}` : id;
}
