import { el } from './dom';

/** Asks before something that cannot be undone, in a modal dialog that works with the keyboard alone. */
export function confirmAction(title: string, body: string, confirmLabel: string): Promise<boolean> {
  const cancel = el('button', {
    type: 'submit',
    value: 'cancel',
    class: 'button',
    autofocus: true,
    text: 'Cancel',
  });
  const ok = el('button', {
    type: 'submit',
    value: 'confirm',
    class: 'button danger',
    text: confirmLabel,
  });
  const dialog = el(
    'dialog',
    {
      class: 'confirm-dialog',
      'aria-labelledby': 'confirm-title',
      'aria-describedby': 'confirm-body',
    },
    el(
      'form',
      { method: 'dialog' },
      el('h2', { id: 'confirm-title', text: title }),
      el('p', { id: 'confirm-body', text: body }),
      el('div', { class: 'dialog-actions' }, cancel, ok)
    )
  );
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'confirm');
      dialog.remove();
      opener?.focus();
    });
    dialog.showModal();
  });
}
