const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

const STEPS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 hours", "5 minutes ago". */
export function fromNow(at: number, now: number): string {
  const diff = at - now;
  for (const [unit, ms] of STEPS) if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  return relative.format(Math.round(diff / 1000), 'second');
}

export const formatTime = (at: number): string => absolute.format(at);

/** "3h 20m" for a duration. */
export function formatAge(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** "1 post", "4 posts". */
export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** An actor id ("user:3", "api-key:ab12") as a reviewer reads it. */
/** An actor's display name from the API's `actors` map, else its id made readable. */
export const formatActor = (actor: string, names?: Readonly<Record<string, string>>): string => names?.[actor] ?? actor.replace(/^api-key:/, 'key ').replace(/^user:/, 'user ');
