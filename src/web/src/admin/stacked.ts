// Wide tables on a phone: below 40rem a table with class "stacked" shows each row as a card, every
// cell under its column's name (styles.css), instead of scrolling sideways inside its box. The
// names come from the table's own header, copied into each cell's data-label after every render,
// so the card and the header can never say different things.
import { useLayoutEffect, useRef } from 'react';

export function useStackedLabels<T extends HTMLTableElement>() {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const table = ref.current;
    if (!table) return;
    const names = [...table.querySelectorAll('thead tr:last-child th')].map((th) => th.textContent?.trim() ?? '');
    for (const row of table.querySelectorAll('tbody tr')) {
      [...row.children].forEach((cell, i) => {
        const name = names[i];
        if (name && cell.getAttribute('data-label') !== name) cell.setAttribute('data-label', name);
      });
    }
  });
  return ref;
}
