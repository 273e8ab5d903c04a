// Test wiring of the real provider SDKs to a sandbox (the plugins own their production wiring).
import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import nodemailer from 'nodemailer';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

export const TWILIO_ACCOUNT_SID = `AC${'0'.repeat(32)}`;

/** Sends what the SDK addresses to api.twilio.com to the sandbox instead. */
class SandboxRequestClient extends twilio.RequestClient {
  constructor(
    private readonly sandboxUrl: string,
    options: RequestClient.RequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: opts.uri.replace('https://api.twilio.com', this.sandboxUrl) });
  }
}

export function twilioClient(sandboxUrl: string, options: { timeoutMs?: number } = {}): twilio.Twilio {
  const httpClient = new SandboxRequestClient(sandboxUrl, { timeout: options.timeoutMs ?? 5000 });
  return twilio(TWILIO_ACCOUNT_SID, 'test-auth-token', { httpClient });
}

/** setApiKey resets the base URL, so it must come before setDefaultRequest. */
export function sendGridMail(sandboxUrl: string): MailService {
  const client = new Client();
  client.setApiKey('SG.test-key');
  client.setDefaultRequest('baseUrl', sandboxUrl);
  const mail = new MailService();
  mail.setClient(client);
  return mail;
}

export function smtpTransport(smtpPort: number, auth?: { user: string; pass: string }): nodemailer.Transporter {
  return nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, ...(auth ? { auth } : {}) });
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}

export function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
