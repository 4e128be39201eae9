import { useCallback, useState } from 'react';

/** Text for a live region; announcing the same text twice still changes it (read again). */
export function useAnnouncer() {
  const [message, setMessage] = useState('');
  const announce = useCallback(
    (text: string) => setMessage((current) => (current === text ? `${text}\u00a0` : text)),
    [],
  );
  return { message, announce };
}

/** A visually hidden live region: screen readers read its changes (polite: when idle). */
export function LiveRegion({ message, name }: { message: string; name: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-live-region={name}
      className="sr-only"
    >
      {message}
    </div>
  );
}
