import type { AddressInfo } from "node:net";
import type { Db } from "../../db/open.ts";
import { createApp } from "../../server/app.ts";
import type { Clock } from "../../server/clock.ts";
import type { Logger } from "../../server/log.ts";
import { dataDirOf } from "./api.ts";

/** A clock a test moves by hand. */
export function movableClock(start: string) {
  let at = Date.parse(start);
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}

export type Served = { base: string; close(): Promise<void> };

/** The real Express app on the test's database, listening on a random loopback port. */
export async function serveApp(
  db: Db,
  clock: Clock,
  options: { secureCookies?: boolean; logger?: Logger } = {},
): Promise<Served> {
  const app = createApp({
    db,
    clock,
    secureCookies: options.secureCookies ?? false,
    dataDir: dataDirOf(db),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("server is not on TCP");
  const { port }: AddressInfo = address;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** POSTs JSON, as the browser's tRPC client does. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}
