import * as Popover from '@radix-ui/react-popover';
import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { signOut, useSession } from '../session/session';
import { Button, buttonClass } from '../ui/Button';
import type { DeferredPopoverProps } from '../ui/DeferredPopover';
import { AccountTriggerFace, accountTriggerClass } from './menu-triggers';

/** The signed-in user's menu: who, My bookings, sign out. Loaded on demand. */
export default function AccountMenu({ defaultOpen, focusTrigger }: DeferredPopoverProps) {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusTrigger) trigger.current?.focus();
  }, [focusTrigger]);
  // The header shows this menu to signed-in users only; signing out unmounts it.
  if (session?.kind !== 'user') return null;
  const { account } = session;
  return (
    <Popover.Root defaultOpen={defaultOpen}>
      <Popover.Trigger
        ref={trigger}
        aria-label={t('account.menu', { name: account.name })}
        className={accountTriggerClass}
      >
        <AccountTriggerFace account={account} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          aria-label={t('account.title')}
          align="end"
          sideOffset={8}
          className="z-50 w-64 animate-fade-in rounded-xl border border-slate-200 bg-white p-4 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="font-semibold">{account.name}</p>
          <p className="text-sm break-all text-slate-700 dark:text-slate-300">{account.email}</p>
          <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
            {t(`signIn.role.${account.role}`)}
          </p>
          <div className="mt-4 flex flex-col gap-2">
            <Popover.Close asChild>
              <Link to="/account/bookings" className={buttonClass('secondary', 'sm')}>
                {t('nav.myBookings')}
              </Link>
            </Popover.Close>
            <Popover.Close asChild>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  signOut();
                  navigate('/');
                }}
              >
                {t('account.signOut')}
              </Button>
            </Popover.Close>
          </div>
          <Popover.Arrow className="fill-white dark:fill-slate-900" />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
