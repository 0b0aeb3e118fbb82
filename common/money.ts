/** The one money formatter: integer cents in, "12,50 €" out (French spacing and comma). */
export function formatMoney(cents: number): string {
  if (!Number.isInteger(cents)) throw new RangeError(`montant non entier en centimes : ${cents}`);
  return new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" }).format(cents / 100);
}

/**
 * The one money parser: what a person types in euros ("2,10", "2.1", "1 234,50 €", "3") to
 * integer cents; null when it is not an amount of at most two decimals. Never goes through a
 * floating-point product, so "0,29" is 29 cents, not 28.
 */
export function parseEuros(text: string, { allowNegative = false }: { allowNegative?: boolean } = {}): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "");
  const match = /^(-)?(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  if (match[1] && !allowNegative) return null;
  const cents = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] && cents !== 0 ? -cents : cents;
}
