import type { KeyboardEvent } from 'react';

/**
 * A form's onKeyDown: Enter in a field confirms what was typed there (a date in a picker, a
 * number) and does not send the form; only its button does. Without it, confirming a date sent a
 * half-filled form.
 */
export function enterConfirmsField(event: KeyboardEvent<HTMLFormElement>): void {
  if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') event.preventDefault();
}
