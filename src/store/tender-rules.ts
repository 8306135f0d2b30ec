// Rules across the tenders of setup: "Use Loyalty Plus Tender" is what makes a tender the Loyalty
// Plus tender (SPEC section 5), so it belongs on one tender only, and one of kind loyalty.

export function loyaltyPlusTenderProblems(tenders: readonly { code: string; kind: string; useLoyaltyPlus: boolean }[]): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  let first: string | null = null;
  tenders.forEach((t, index) => {
    if (!t.useLoyaltyPlus) return;
    if (t.kind !== 'loyalty') out.push({ index, message: `only a tender of kind loyalty can be the Loyalty Plus tender (${t.code} is ${t.kind})` });
    else if (first !== null) out.push({ index, message: `${first} is already the Loyalty Plus tender: only one tender may be` });
    else first = t.code;
  });
  return out;
}
