import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

export type ToastTone = 'info' | 'success' | 'warning' | 'error';

export interface ToastMessage {
  id: number;
  title: string;
  description?: string;
  tone: ToastTone;
}

interface Toaster {
  show(message: { title: string; description?: string; tone?: ToastTone }): void;
}

const ToasterContext = createContext<Toaster | null>(null);

/** Radix Toast is loaded with the first notification: most pages never show one. */
const ToastList = lazy(() => import('./ToastList'));

let nextId = 1;

/** Notifications: announced politely, dismissible, paused on hover and focus. */
export function ToasterProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<ToastMessage[]>([]);
  const [used, setUsed] = useState(false);
  const show = useCallback<Toaster['show']>(({ title, description, tone = 'info' }) => {
    setUsed(true);
    setMessages((current) => [...current.slice(-3), { id: nextId++, title, description, tone }]);
  }, []);
  const remove = useCallback(
    (id: number) => setMessages((current) => current.filter((message) => message.id !== id)),
    [],
  );
  const value = useMemo(() => ({ show }), [show]);

  return (
    <ToasterContext.Provider value={value}>
      {children}
      {used && (
        <Suspense fallback={null}>
          <ToastList messages={messages} onRemove={remove} />
        </Suspense>
      )}
    </ToasterContext.Provider>
  );
}

export function useToaster(): Toaster {
  const value = useContext(ToasterContext);
  if (!value) throw new Error('useToaster outside ToasterProvider');
  return value;
}
