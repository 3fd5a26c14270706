const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * True when month/day form a real calendar day. Without a year (`undefined`), 29 February counts
 * as valid: the identifier or date may be from a leap year.
 */
export function isCalendarDay(month: number, day: number, year?: number): boolean {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1) return false;
  if (month === 2 && year !== undefined && !isLeapYear(year)) return day <= 28;
  return day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** `yyyy-mm-dd`. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
