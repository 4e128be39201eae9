import * as Popover from '@radix-ui/react-popover';
import { useEffect, useRef } from 'react';
import { LANGUAGES, useI18n } from '../i18n/i18n';
import { cx } from '../lib/cx';
import { useTheme, type ThemePreference } from '../theme/theme';
import type { DeferredPopoverProps } from '../ui/DeferredPopover';
import { LANGUAGE_NAMES, SettingsTriggerFace, settingsTriggerClass } from './menu-triggers';

const THEMES: ThemePreference[] = ['system', 'light', 'dark'];

const optionClass = (active: boolean) =>
  cx(
    'flex min-h-10 w-full items-center justify-between rounded-lg px-3 text-left text-sm',
    active
      ? 'bg-brand-50 font-semibold text-brand-900 dark:bg-slate-800 dark:text-brand-100'
      : 'hover:bg-slate-100 dark:hover:bg-slate-800',
  );

/** Language and theme (dark mode follows the system unless chosen here). Loaded on demand. */
export default function SettingsMenu({ defaultOpen, focusTrigger }: DeferredPopoverProps) {
  const { t, lang, setLang } = useI18n();
  const { preference, resolved, setPreference } = useTheme();
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusTrigger) trigger.current?.focus();
  }, [focusTrigger]);
  return (
    <Popover.Root defaultOpen={defaultOpen}>
      <Popover.Trigger
        ref={trigger}
        className={settingsTriggerClass}
        aria-label={t('settings.open', {
          lang: LANGUAGE_NAMES[lang],
          theme: t(`settings.theme.${resolved}`),
        })}
      >
        <SettingsTriggerFace lang={lang} dark={resolved === 'dark'} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          aria-label={t('settings.title')}
          align="end"
          sideOffset={8}
          className="z-50 w-64 animate-fade-in rounded-xl border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <div role="group" aria-labelledby="settings-language" className="mb-3">
            <p
              id="settings-language"
              className="mb-1 px-1 text-xs font-semibold text-slate-700 uppercase dark:text-slate-300"
            >
              {t('settings.language')}
            </p>
            {LANGUAGES.map((value) => (
              <button
                key={value}
                type="button"
                lang={value}
                aria-pressed={lang === value}
                className={optionClass(lang === value)}
                onClick={() => setLang(value)}
              >
                {LANGUAGE_NAMES[value]}
                {lang === value && <span aria-hidden="true">✓</span>}
              </button>
            ))}
          </div>
          <div role="group" aria-labelledby="settings-theme">
            <p
              id="settings-theme"
              className="mb-1 px-1 text-xs font-semibold text-slate-700 uppercase dark:text-slate-300"
            >
              {t('settings.theme')}
            </p>
            {THEMES.map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={preference === value}
                className={optionClass(preference === value)}
                onClick={() => setPreference(value)}
              >
                {t(`settings.theme.${value}`)}
                {preference === value && <span aria-hidden="true">✓</span>}
              </button>
            ))}
          </div>
          <Popover.Arrow className="fill-white dark:fill-slate-900" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
