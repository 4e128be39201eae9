import type { PriceBreakdown } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { formatMoney } from '../../lib/format';

/** Fare, discount and VAT per seat, then the totals. */
export function PriceBreakdownTable({
  price,
  caption,
}: {
  price: PriceBreakdown;
  caption: string;
}) {
  const { t } = useI18n();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-700 dark:border-slate-700 dark:text-slate-300">
            <th scope="col" className="py-2 pr-2 font-medium">
              {t('price.seat')}
            </th>
            <th scope="col" className="py-2 pr-2 text-right font-medium">
              {t('price.fare')}
            </th>
            <th scope="col" className="py-2 pr-2 text-right font-medium">
              {t('price.discount')}
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              {t('price.vat')}
            </th>
          </tr>
        </thead>
        <tbody>
          {price.lines.map((line) => (
            <tr key={line.seatNumber} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-2 pr-2 text-left font-normal">
                <strong>{line.seatNumber}</strong> · {t(`passengerType.${line.passengerType}`)}
              </th>
              <td className="py-2 pr-2 text-right tabular">{formatMoney(line.base)}</td>
              <td className="py-2 pr-2 text-right tabular">
                {line.discount.amount > 0 ? `−${formatMoney(line.discount)}` : '—'}
              </td>
              <td className="py-2 text-right tabular">{formatMoney(line.tax)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3} className="pt-3 pr-2 text-right font-normal">
              {t('price.subtotal')}
            </th>
            <td className="pt-3 text-right tabular">{formatMoney(price.subtotal)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={3} className="pr-2 text-right font-normal">
              {t('price.vatTotal')}
            </th>
            <td className="text-right tabular">{formatMoney(price.tax)}</td>
          </tr>
          <tr className="text-lg">
            <th scope="row" colSpan={3} className="pt-2 pr-2 text-right font-semibold">
              {t('price.total')}
            </th>
            <td className="pt-2 text-right font-bold tabular" data-testid="price-total">
              {formatMoney(price.total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
