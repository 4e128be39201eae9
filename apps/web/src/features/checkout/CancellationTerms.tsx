import { usePolicy } from '../../api/policy';
import { useI18n } from '../../i18n/i18n';

/** The cancellation terms, built from the operator's refund tiers. */
export function CancellationTerms() {
  const { t } = useI18n();
  const policy = usePolicy().data;
  if (!policy) return null;
  const tiers = [...policy.refundTiers].sort((a, b) => b.hoursBefore - a.hoursBefore);
  const last = tiers[tiers.length - 1];
  return (
    <div className="flex flex-col gap-2 text-sm">
      <ul className="flex flex-col gap-1">
        {tiers.map((tier) => (
          <li key={tier.hoursBefore} className="flex justify-between gap-4">
            <span>{t('terms.tier', { hours: tier.hoursBefore })}</span>
            <strong className="tabular">{t('terms.refund', { percent: tier.percent })}</strong>
          </li>
        ))}
        <li className="flex justify-between gap-4">
          <span>{last ? t('terms.later', { hours: last.hoursBefore }) : t('terms.any')}</span>
          <strong>{t('terms.noRefund')}</strong>
        </li>
      </ul>
      <p className="text-slate-700 dark:text-slate-300">
        {t('terms.unpaid', { minutes: Math.round(policy.paymentWindowSeconds / 60) })}
      </p>
    </div>
  );
}
