// Letters NFD cannot split into base + accent (ł) are mapped by hand.
const SPECIAL: Record<string, string> = { ł: 'l', Ł: 'l', ß: 'ss', æ: 'ae', ø: 'o', đ: 'd' };

/** URL-safe slug from any Polish text: "Związek Harcerstwa" -> "zwiazek-harcerstwa". */
export function slugify(text: string, maxLength = 80): string {
  return text
    .replace(/[łŁßæøđ]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
}
