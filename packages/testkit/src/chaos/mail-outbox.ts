import type { SESv2Client, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { answerInMemory } from './aws-faults';

export interface SentEmail {
  to: string;
  subject: string;
  text: string;
  /** The sender died right after SES accepted it, before noting it sent: a retry may send it again. */
  crashedAfter?: boolean;
}

/** SES in process: every SendEmail that SES would have accepted, kept so a run can count them. */
export class MailOutbox {
  readonly sent: SentEmail[] = [];

  markLastCrashed(): void {
    const last = this.sent.at(-1);
    if (last) last.crashedAfter = true;
  }

  attach(client: SESv2Client): void {
    answerInMemory(client, 'SendEmail', async (input) => {
      const email = input as SendEmailCommandInput;
      this.sent.push({
        to: email.Destination?.ToAddresses?.[0] ?? '',
        subject: email.Content?.Simple?.Subject?.Data ?? '',
        text: email.Content?.Simple?.Body?.Text?.Data ?? '',
      });
      return { $metadata: { httpStatusCode: 200 }, MessageId: `chaos-mail-${this.sent.length}` };
    });
  }
}
