/**
 * Prints the demo administrator's current second-factor code (the secret is published, like the
 * demo password). The code is computed for the running server's clock, which DONDOC_NOW may have
 * set to another day: `/healthz` tells it. Usage: `npm run demo:code` (PORT and HOST as for
 * `npm start`).
 */
import { generate } from "otplib";
import { DEMO_SECOND_FACTOR_SECRET } from "../server/demo.ts";

const host = process.env.HOST && process.env.HOST !== "0.0.0.0" ? process.env.HOST : "127.0.0.1";
const url = `http://${host}:${process.env.PORT ?? "3000"}/healthz`;

async function serverNow(): Promise<Date> {
  try {
    const response = await fetch(url);
    const { time }: { time: string } = await response.json();
    return new Date(time);
  } catch {
    console.error(
      `Không kết nối được ${url}: dùng giờ của máy này / server not reachable: using this machine's clock.`,
    );
    return new Date();
  }
}

const now = await serverNow();
const code = await generate({
  secret: DEMO_SECOND_FACTOR_SECRET,
  epoch: Math.floor(now.getTime() / 1000),
});
const left = 30 - (Math.floor(now.getTime() / 1000) % 30);
console.log(`quantri: ${code}  (còn ${left} giây / valid ${left} more seconds)`);
