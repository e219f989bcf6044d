/** Cuts by code points so an emoji or accented letter is never split into a broken surrogate. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const codePoints = Array.from(text);
  return codePoints.length <= maxLength ? text : codePoints.slice(0, maxLength).join('');
}
