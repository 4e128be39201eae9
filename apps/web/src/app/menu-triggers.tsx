import type { Account } from '../session/session';

export const LANGUAGE_NAMES = { en: 'English', vi: 'Tiếng Việt' } as const;

/** The header menus' buttons, the same before and after their popover code has loaded. */
export const settingsTriggerClass =
  'inline-flex min-h-10 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800';

export function SettingsTriggerFace({ lang, dark }: { lang: string; dark: boolean }) {
  return (
    <>
      <span aria-hidden="true">{dark ? '☾' : '☀'}</span>
      <span aria-hidden="true" className="uppercase">
        {lang}
      </span>
    </>
  );
}

export const accountTriggerClass =
  'inline-flex size-10 items-center justify-center rounded-full bg-brand-600 text-sm font-bold text-white hover:bg-brand-700 dark:bg-brand-500';

export function AccountTriggerFace({ account }: { account: Account }) {
  const initials = account.name
    .split(/\s+/)
    .map((part) => part[0])
    .slice(-2)
    .join('');
  return <span aria-hidden="true">{initials}</span>;
}
