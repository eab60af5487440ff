/** `yyyyMMdd` of yesterday, today and tomorrow in China (UTC+8). */
export function chinaTimeParts(ms: number): { yesterday: string; date: string; tomorrow: string } {
  const day = (offset: number) =>
    new Date(ms + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return { yesterday: day(-1), date: day(0), tomorrow: day(1) };
}
