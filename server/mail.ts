import { createTransport } from "nodemailer";
import type { SmtpConfig } from "./config.ts";
import type { SendMail } from "./domain/mail.ts";

/** Sends mail over SMTP with nodemailer, as configured by the environment (server/config.ts). */
export function smtpSender(config: SmtpConfig): SendMail {
  const transport = createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return async (mail) => {
    await transport.sendMail({ from: config.from, ...mail });
  };
}
