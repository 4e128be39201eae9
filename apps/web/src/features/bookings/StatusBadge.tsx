import type { BookingStatus } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { Badge, type BadgeTone } from '../../ui/Badge';

const TONE: Record<BookingStatus, BadgeTone> = {
  pending: 'warning',
  confirmed: 'success',
  completed: 'neutral',
  cancelled: 'danger',
};

export function StatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useI18n();
  return <Badge tone={TONE[status]}>{t(`bookingStatus.${status}`)}</Badge>;
}
