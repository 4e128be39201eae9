import * as Toast from '@radix-ui/react-toast';
import { useI18n } from '../i18n/i18n';
import { cx } from '../lib/cx';
import type { ToastMessage, ToastTone } from './Toaster';

const TONES: Record<ToastTone, string> = {
  info: 'border-slate-200 bg-white text-slate-900 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100',
  success:
    'border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50',
  warning:
    'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50',
  error:
    'border-red-300 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50',
};

/** The notifications (Radix Toast). */
export default function ToastList({
  messages,
  onRemove,
}: {
  messages: ToastMessage[];
  onRemove(id: number): void;
}) {
  const { t } = useI18n();
  return (
    <Toast.Provider duration={7000} label={t('toast.label')}>
      {messages.map((message) => (
        <Toast.Root
          key={message.id}
          type={
            message.tone === 'error' || message.tone === 'warning' ? 'foreground' : 'background'
          }
          onOpenChange={(open) => !open && onRemove(message.id)}
          className={cx(
            'flex animate-slide-in items-start gap-3 rounded-xl border p-4 shadow-lg',
            TONES[message.tone],
          )}
        >
          <div className="min-w-0 flex-1">
            <Toast.Title className="font-semibold">{message.title}</Toast.Title>
            {message.description && (
              <Toast.Description className="mt-1 text-sm">{message.description}</Toast.Description>
            )}
          </div>
          <Toast.Close
            className="rounded-md px-2 py-1 text-lg leading-none font-medium hover:bg-black/5 dark:hover:bg-white/10"
            aria-label={t('common.dismiss')}
          >
            <span aria-hidden="true">×</span>
          </Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed right-0 bottom-0 z-[60] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
    </Toast.Provider>
  );
}
