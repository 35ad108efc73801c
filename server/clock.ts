/**
 * The server's one source of time. Production uses the system clock; tests pass a fixed clock;
 * DONDOC_NOW (an ISO instant) starts the clock at that instant and lets it run, so that an
 * end-to-end run behaves the same whatever day it happens on.
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant);
  return { now: () => new Date(at) };
}

export function startingClock(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

export function clockFromEnv(value: string | undefined): Clock {
  if (!value) return systemClock;
  const start = new Date(value);
  if (Number.isNaN(start.getTime())) throw new Error(`DONDOC_NOW is not an ISO instant: ${value}`);
  return startingClock(start);
}
