import { closeSync, copyFileSync, fsyncSync, openSync } from "node:fs";

/**
 * A copy of a database file to measure on, on disk before the server starts on it. Right after a
 * copy the system writes the new file back in the background (300 MB for 100,000 tasks, 2.7 GB
 * for a million), and the server's writes and file reads then wait behind it: the stylesheets of
 * a page took 250–300 ms instead of 10–40 in some loads on a fresh copy of the 100,000-task file;
 * once the copy was on disk, 10–40 ms in nine loads of ten (README, Performance, nineteenth round).
 */
export function copyDatabase(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
