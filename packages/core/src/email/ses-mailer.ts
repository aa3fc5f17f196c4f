import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends through SES v2 from the stage's sender address (locally: aws-ses-v2-local's inbox). */
export class SesMailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly fromAddress: string,
  ) {}

  async send(email: Email): Promise<void> {
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.fromAddress,
        Destination: { ToAddresses: [email.to] },
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  }
}
