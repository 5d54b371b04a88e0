import { createTransport, type Transporter } from 'nodemailer';
import type { AttemptOutcome } from './dispatch';
import { htmlOf } from './templates';

export interface MailerOptions {
  smtpUrl: string;
  from: string;
  timeoutMs: number;
}

/** The SMTP connection settings of smtp://user:pass@host:port (smtps:// = TLS from the start). */
function transportOptions(smtpUrl: string, timeoutMs: number) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

/** Sends rendered mail over SMTP; the transport is made once and reused. */
export class Mailer {
  private transport: Transporter | null = null;

  constructor(private readonly options: MailerOptions) {}

  async send(to: string, subject: string, text: string, locale: string): Promise<AttemptOutcome> {
    this.transport ??= createTransport(transportOptions(this.options.smtpUrl, this.options.timeoutMs));
    try {
      await this.transport.sendMail({ from: this.options.from, to, subject, text, html: htmlOf(text), headers: { 'Content-Language': locale } });
      return { ok: true };
    } catch (error) {
      // The server's answer, never the URL (it holds the password).
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }

  close() {
    this.transport?.close();
    this.transport = null;
  }
}
