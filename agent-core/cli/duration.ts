import { InvalidArgumentError } from 'commander';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90s", "5m", "1h", "7d" → milliseconds; anything else names the flag and the accepted forms. */
export const durationMs = (flag: string) => (value: string) => {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`${flag} takes a duration like 90s, 5m, 1h or 7d, not "${value}".`);
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms <= 0) throw new InvalidArgumentError(`${flag} must be longer than 0.`);
  return ms;
};
