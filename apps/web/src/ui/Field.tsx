import {
  forwardRef,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';
import { cx } from '../lib/cx';

export const controlClass = (invalid: boolean) =>
  cx(
    'block w-full min-h-11 rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm placeholder:text-slate-500 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-400',
    invalid
      ? 'border-red-600 dark:border-red-400'
      : 'border-slate-300 hover:border-slate-400 dark:border-slate-600 dark:hover:border-slate-500',
  );

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}

function FieldFrame({ id, label, error, hint, children, className }: FieldFrameProps) {
  return (
    <div className={cx('flex flex-col gap-1', className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

const describedBy = (id: string, error?: string, hint?: ReactNode) =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  frameClassName?: string;
}

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, error, hint, frameClassName, className, id: givenId, ...rest },
  ref,
) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={frameClassName}>
      <input
        ref={ref}
        id={id}
        className={cx(controlClass(Boolean(error)), className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...rest}
      />
    </FieldFrame>
  );
});

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  frameClassName?: string;
}

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, error, hint, frameClassName, className, id: givenId, children, ...rest },
  ref,
) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} className={frameClassName}>
      <select
        ref={ref}
        id={id}
        className={cx(controlClass(Boolean(error)), 'pr-8', className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...rest}
      >
        {children}
      </select>
    </FieldFrame>
  );
});

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
}

export const CheckboxField = forwardRef<HTMLInputElement, CheckboxFieldProps>(
  function CheckboxField({ label, error, hint, id: givenId, className, ...rest }, ref) {
    const generated = useId();
    const id = givenId ?? generated;
    return (
      <div className={cx('flex flex-col gap-1', className)}>
        <div className="flex items-start gap-3">
          <input
            ref={ref}
            id={id}
            type="checkbox"
            className="mt-0.5 size-5 shrink-0 rounded border-slate-400 accent-brand-600 dark:accent-brand-400"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(id, error, hint)}
            {...rest}
          />
          <label htmlFor={id} className="text-sm text-slate-800 dark:text-slate-200">
            {label}
          </label>
        </div>
        {hint && !error && (
          <p id={`${id}-hint`} className="ml-8 text-xs text-slate-600 dark:text-slate-400">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${id}-error`} className="ml-8 text-sm font-medium text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </div>
    );
  },
);
