import type { Locale } from './messages.js';

/** Formatting in the page's language, times in China Standard Time (what the figures count by). */
export function formatters(locale: Locale, currency: string) {
  const number = new Intl.NumberFormat(locale);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2 });
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
  return {
    number: (n: number) => number.format(n),
    money: (n: number) => money.format(n),
    time: (iso: string) => time.format(new Date(iso)),
    /** `MM-DD` of a `YYYY-MM-DD` day: the charts' axis labels. */
    shortDay: (day: string) => day.slice(5),
  };
}

export type Formatters = ReturnType<typeof formatters>;
