import type { Transporter } from "nodemailer";
import type { SmtpConfig } from "./config.ts";
import type { SendMail } from "./domain/mail.ts";

/**
 * Sends mail over SMTP with nodemailer, as configured by the environment (server/config.ts).
 * nodemailer is loaded with the first mail, not at the server's start.
 */
export function smtpSender(config: SmtpConfig): SendMail {
  let transport: Promise<Transporter> | undefined;
  return async (mail) => {
    transport ??= import("nodemailer").then(({ createTransport }) =>
      createTransport({
        host: config.host,
        port: config.port,
        secure: config.secure,
        auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
        connectionTimeout: 20_000,
        greetingTimeout: 20_000,
        socketTimeout: 60_000,
      }),
    );
    await (await transport).sendMail({ from: config.from, ...mail });
  };
}
