import type { Money } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useFormat } from '../../lib/useFormat';
import { TextField } from '../../ui/Field';
import type { Fares } from './operator-api';
import { parseDong } from './money-input';

export const SEAT_TYPES = ['standard', 'limousine', 'sleeper'] as const;
export type SeatType = (typeof SEAT_TYPES)[number];

/** What is typed in each fare field. */
export type FareTexts = Record<SeatType, string>;
export type FareProblems = Partial<Record<SeatType, string>>;

export const fareTextsOf = (fares?: Partial<Record<SeatType, Money>>): FareTexts => ({
  standard: fares?.standard ? String(fares.standard.amount) : '',
  limousine: fares?.limousine ? String(fares.limousine.amount) : '',
  sleeper: fares?.sleeper ? String(fares.sleeper.amount) : '',
});

/**
 * The fares typed in the fields `shown`, or what is wrong with them: every type in `needed` must
 * have one (the standard fare always), every amount is a whole number above 0. Fields not shown
 * (a type the bus chosen last has not) are not read.
 */
export function readFares(
  texts: FareTexts,
  needed: readonly SeatType[],
  currency: string,
  t: ReturnType<typeof useI18n>['t'],
  shown: readonly SeatType[] = SEAT_TYPES,
): { fares?: Fares; problems: FareProblems } {
  const problems: FareProblems = {};
  const fares: Partial<Record<SeatType, Money>> = {};
  for (const type of shown) {
    const text = texts[type].trim();
    if (!text) {
      if (type === 'standard') problems[type] = t('operator.fares.required');
      else if (needed.includes(type)) problems[type] = t('operator.fares.requiredType');
      continue;
    }
    const amount = parseDong(text);
    if (amount === undefined || amount <= 0) problems[type] = t('operator.fares.invalid');
    else fares[type] = { amount, currency };
  }
  const valid = Object.keys(problems).length === 0 && fares.standard;
  return { fares: valid ? (fares as Fares) : undefined, problems };
}

/**
 * One field per seat type in `shown`, the amount read back in the currency as a hint; a type
 * not in `needed` is optional.
 */
export function FareFields({
  texts,
  onChange,
  problems,
  currency,
  shown = SEAT_TYPES,
  needed = ['standard'],
}: {
  texts: FareTexts;
  onChange(texts: FareTexts): void;
  problems: FareProblems;
  currency: string;
  shown?: readonly SeatType[];
  needed?: readonly SeatType[];
}) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <>
      {shown.map((type) => {
        const amount = parseDong(texts[type]);
        const required = type === 'standard' || needed.includes(type);
        return (
          <TextField
            key={type}
            label={t('operator.fares.label', { type: t(`seat.typeName.${type}`), currency })}
            inputMode="numeric"
            autoComplete="off"
            required={required}
            value={texts[type]}
            error={problems[type]}
            hint={
              amount !== undefined && amount > 0
                ? format.money({ amount, currency })
                : required
                  ? undefined
                  : t('operator.fares.optional')
            }
            onChange={(event) => onChange({ ...texts, [type]: event.target.value })}
          />
        );
      })}
    </>
  );
}
