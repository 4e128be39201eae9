import { failureReason, ticketMessageId } from './ticket-delivery';

describe('failureReason', () => {
  it('keeps the SMTP code and masks the addresses a server quotes', () => {
    const error = Object.assign(
      new Error(
        "Can't send mail - all recipients were rejected: 550 5.1.1 <secret.person@example.org>: Recipient address rejected",
      ),
      { responseCode: 550 },
    );
    const reason = failureReason(error);
    expect(reason).toMatch(/^SMTP 550: /);
    expect(reason).not.toContain('secret.person');
    expect(reason).toContain('s•••@example.org');
    expect(
      failureReason(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' }),
      ),
    ).toBe('ESOCKET: connect ECONNREFUSED 127.0.0.1:2525');
  });
});

describe('ticketMessageId', () => {
  it('is the same for every attempt of one delivery, in the sender’s domain', () => {
    const id = ticketMessageId('b-1', 'confirmation', 'VéXe Bus Lines <tickets@vexe.example>');
    expect(id).toBe('<ticket.b-1.confirmation@vexe.example>');
    expect(ticketMessageId('b-1', 'confirmation', 'VéXe <tickets@vexe.example>')).toBe(id);
    expect(ticketMessageId('b-1', 'x<y>@z', 'tickets@vexe.example')).toBe(
      '<ticket.b-1.xyz@vexe.example>',
    );
  });
});
