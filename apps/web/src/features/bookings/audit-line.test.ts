import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/types';
import { en } from '../../i18n/en';
import { vi } from '../../i18n/vi';
import { createFormatters } from '../../lib/format';
import { auditLine } from './audit-line';

const translator =
  (messages: Record<string, string>) =>
  (key: string, params: Record<string, string | number> = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

const entry = (type: AuditEntry['type'], details: Record<string, unknown>): AuditEntry => ({
  version: 1,
  type,
  at: '2026-12-05T22:14:00Z',
  actor: { kind: 'user', id: 'u' },
  summary: `server summary of ${type}`,
  details,
});

describe('a line of the booking history', () => {
  const created = entry('BookingCreated', {
    seatNumbers: ['A4', 'A5'],
    total: { amount: 880000, currency: 'VND' },
    expiresAt: '2026-12-05T22:29:52.228Z',
  });

  it('formats money and times for the reader, in the trip’s zone', () => {
    const format = createFormatters('en-GB', 'Asia/Ho_Chi_Minh');
    const line = auditLine(created, translator(en), format);
    expect(line).toContain('Seats A4, A5 for 880.000');
    expect(line).toContain('05:29');
    expect(line).not.toContain('2026-12-05T');
  });

  it('speaks Vietnamese to Vietnamese readers', () => {
    const format = createFormatters('vi-VN', 'Asia/Ho_Chi_Minh');
    const confirmed = entry('BookingConfirmed', {
      paymentReference: 'DEMO-1',
      paymentMethod: 'card',
      amount: { amount: 440000, currency: 'VND' },
    });
    expect(auditLine(confirmed, translator(vi), format)).toMatch(/^Đã thanh toán 440\.000.* bằng /);
  });

  it('says when a delayed trip now departs', () => {
    const format = createFormatters('en-GB', 'Asia/Ho_Chi_Minh');
    const rescheduled = entry('BookingRescheduled', {
      departureAt: '2026-12-06T10:30:00Z',
      previousDepartureAt: '2026-12-06T09:00:00Z',
      delayMinutes: 90,
    });
    const line = auditLine(rescheduled, translator(en), format);
    expect(line).toMatch(/^Departs .*17:30 instead of .*16:00$/);
  });

  it('falls back to the server’s summary when the details are not what it knows', () => {
    const format = createFormatters('en-GB', 'Asia/Ho_Chi_Minh');
    expect(auditLine(entry('BookingCreated', {}), translator(en), format)).toBe(
      'server summary of BookingCreated',
    );
    expect(auditLine(entry('BookingClaimed', {}), translator(en), format)).toBe(
      'server summary of BookingClaimed',
    );
  });
});
