import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { en, type MessageKey } from './en';

export type Language = 'en' | 'vi';
export const LANGUAGES: readonly Language[] = ['en', 'vi'];
const STORAGE_KEY = 'vexe.lang';

type Params = Record<string, string | number>;
export type Messages = Record<MessageKey, string>;

export interface I18n {
  lang: Language;
  /** BCP 47 locale for Intl: vi-VN or en-GB (day-first dates, 24-hour times). */
  locale: string;
  setLang(lang: Language): void;
  /** The message in the current language, `{name}` placeholders filled from `params`. */
  t(key: MessageKey, params?: Params): string;
  /** `key.one` or `key.other` for `count` (also given to the message as `{count}`). */
  tp(key: PluralKey, count: number, params?: Params): string;
}

/** Keys with `.one` / `.other` forms. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? Base : never;
}[MessageKey];

/** Vietnamese for a `vi*` browser language, English otherwise; a stored choice wins. */
export function detectLanguage(
  stored: string | null,
  browser: readonly string[] = navigator.languages ?? [navigator.language],
): Language {
  if (stored === 'en' || stored === 'vi') return stored;
  return /^vi\b/i.test(browser[0] ?? '') ? 'vi' : 'en';
}

const fill = (message: string, params?: Params) =>
  params ? message.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : message;

const I18nContext = createContext<I18n | null>(null);

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [lang, setLangState] = useState<Language>(() => initial ?? detectLanguage(readStored()));
  // Vietnamese is loaded when needed (English is the reference and ships with the app).
  const [vi, setVi] = useState<Messages>();
  const messages: Messages | undefined = lang === 'vi' ? vi : en;

  useEffect(() => {
    document.documentElement.lang = lang;
    if (lang !== 'vi' || vi) return;
    let live = true;
    void import('./vi').then((module) => live && setVi(module.vi));
    return () => {
      live = false;
    };
  }, [lang, vi]);

  const setLang = useCallback((next: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage unavailable: the choice lasts for this page
    }
    setLangState(next);
  }, []);

  const value = useMemo<I18n | undefined>(() => {
    if (!messages) return undefined;
    const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
    const rules = new Intl.PluralRules(locale);
    const t = (key: MessageKey, params?: Params) => fill(messages[key], params);
    const tp = (key: PluralKey, count: number, params?: Params) => {
      const form = rules.select(count) === 'one' ? 'one' : 'other';
      const full: MessageKey = form === 'one' ? `${key}.one` : `${key}.other`;
      return t(full, { count, ...params });
    };
    return { lang, locale, setLang, t, tp };
  }, [lang, messages, setLang]);

  // Until the reader's language has loaded, nothing is shown (rather than another language).
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
