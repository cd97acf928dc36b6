// What the director's pages share: the programs they direct, and figures as people read them.
import { api } from './api.js';
import { el } from './ui.js';

/** Fills a select with the viewer's programs; resolves to their list. */
export async function programPicker(select) {
  const programs = await api('/api/sessions/programs');
  select.replaceChildren(...programs.map((p) => el('option', { value: p.id, text: p.name })));
  const wanted = new URLSearchParams(window.location.search).get('program');
  if (wanted && programs.some((p) => p.id === wanted)) select.value = wanted;
  return programs;
}

export function percent(value) {
  return value === null || value === undefined ? '—' : `${Math.round(value * 1000) / 10} %`;
}

/** A table whose first cell of each row heads it; a cell is text or an element (a link). */
export function table(caption, headers, rows) {
  return el('table', {},
    el('caption', { class: 'muted', text: caption }),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell, i) => (i === 0
      ? el('th', { scope: 'row' }, cell)
      : el('td', {}, cell)))))));
}
