import { useRef, useState, type ComponentType, type ReactNode } from 'react';

/** What a deferred popover module renders: the real trigger and content (Radix Popover). */
export interface DeferredPopoverProps {
  /** Open at once: the user clicked the placeholder before the module had loaded. */
  defaultOpen: boolean;
  /** Focus the real trigger: the placeholder had the focus when it was replaced. */
  focusTrigger: boolean;
}

interface DeferredPopoverPlaceholderProps {
  load(): Promise<{ default: ComponentType<DeferredPopoverProps> }>;
  label: string;
  className: string;
  children: ReactNode;
}

/**
 * A popover menu whose code (Radix Popover and its positioning) loads when the user reaches for
 * it — hover, focus or touch — instead of with the first page. Until then a look-alike button
 * stands in; a click on it opens the menu as soon as it has loaded.
 */
export function DeferredPopover({
  load,
  label,
  className,
  children,
}: DeferredPopoverPlaceholderProps) {
  const [Loaded, setLoaded] = useState<ComponentType<DeferredPopoverProps>>();
  const [wantOpen, setWantOpen] = useState(false);
  const [hadFocus, setHadFocus] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const loading = useRef<Promise<void>>(undefined);

  const start = () => {
    loading.current ??= load().then((module) => {
      setHadFocus(document.activeElement === button.current);
      setLoaded(() => module.default);
    });
  };

  if (Loaded) return <Loaded defaultOpen={wantOpen} focusTrigger={hadFocus} />;
  return (
    <button
      ref={button}
      type="button"
      aria-label={label}
      aria-haspopup="dialog"
      aria-expanded={false}
      className={className}
      onPointerEnter={start}
      onFocus={start}
      onTouchStart={start}
      onClick={() => {
        setWantOpen(true);
        start();
      }}
    >
      {children}
    </button>
  );
}
