import type { Customer, Partner, PartnerProfile } from '../../domain/kernel/model.js';
import type { Store } from '../../domain/kernel/port.js';
import { EMPTY_PROFILE, missingForDocuments } from '../../domain/parties/profiles.js';

/** Who a customer's document is from and for: the partner's letterhead and logo, the customer's block, payment terms and footer. */
export interface DocumentIdentity {
  readonly letterhead: { readonly lines: readonly string[]; readonly logo: Uint8Array | null };
  readonly customerLines: readonly string[];
  readonly paymentTerms: string | null;
  readonly footer: string | null;
  /** What the partner's profile lacks, said on stderr when the document is made. */
  readonly warnings: readonly string[];
}

const flagOf = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The identity a customer's document carries, read from the partner's profile and the customer's record. */
export async function documentIdentity(store: Store, partner: Partner, customer: Customer | null): Promise<DocumentIdentity> {
  const profile: PartnerProfile = (await store.parties.profile(partner.id)) ?? EMPTY_PROFILE;
  const missing = missingForDocuments(profile);
  const contact = [profile.email, profile.phone].filter((v) => v !== null).join(' · ');
  const letterhead = [profile.legalName ?? partner.name, ...(profile.address ? profile.address.split('\n') : []), ...(profile.vat ? [`VAT ${profile.vat}`] : []), ...(contact ? [contact] : [])];
  const customerLines = customer
    ? [
        `${customer.name} (${customer.id})`,
        ...(customer.address ? customer.address.split('\n') : []),
        ...(customer.vat ? [`VAT ${customer.vat}`] : []),
        ...(customer.contact ? [`Attn. ${customer.contact}`] : []),
      ]
    : [];
  const warnings =
    missing.length > 0
      ? [
          `the document's letterhead lacks ${missing.map(flagOf).join(', ')} of ${partner.id}'s profile: \`hwaas partners profile set ${missing.map((f) => `${flagOf(f)} …`).join(' ')}\` fills ${missing.length === 1 ? 'it' : 'them'}.`,
        ]
      : [];
  if (customer && !customer.address) warnings.push(`${customer.id} has no address on file: \`hwaas customers edit ${customer.id} --address …\` adds it.`);
  return { letterhead: { lines: letterhead, logo: profile.logo?.bytes ?? null }, customerLines, paymentTerms: profile.paymentTerms, footer: profile.footer, warnings };
}
