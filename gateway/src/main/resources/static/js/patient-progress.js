import { api } from './api.js';
import { el, format, load } from './ui.js';

// Field names come from the note template; people read them as words.
function words(key) {
  return String(key).replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}

function value(node) {
  if (node === null || node === undefined || node === '') return el('span', { class: 'muted', text: '—' });
  if (Array.isArray(node)) return el('ul', {}, node.map((item) => el('li', {}, value(item))));
  if (typeof node === 'object') return fields(node);
  return el('span', { text: String(node) });
}

function fields(object) {
  return el('dl', { class: 'facts' }, Object.entries(object).flatMap(([key, v]) => [el('dt', { text: words(key) }), el('dd', {}, value(v))]));
}

async function fetchEntries() {
  const [entries, memberships] = await Promise.all([api('/api/notes/mine'), api('/api/sessions/me/memberships')]);
  const names = new Map(memberships.map((m) => [m.groupId, m.groupName]));
  return entries.map((e) => ({ ...e, groupName: names.get(e.groupId) ?? 'Group session' }))
    .sort((a, b) => Date.parse(b.serviceDate) - Date.parse(a.serviceDate));
}

function render(entries, box) {
  if (entries.length === 0) {
    box.append(el('p', { class: 'muted', text: 'No signed progress notes yet. They appear here after your therapist signs them.' }));
    return;
  }
  box.append(...entries.map((entry) => el('article', { class: 'card' },
    el('h2', { text: `${entry.groupName}, ${format.day(entry.serviceDate)}` }),
    entry.status === 'VOIDED' ? el('p', { class: 'badge warn', text: 'Withdrawn by your therapist' }) : null,
    entry.progress ? fields(entry.progress) : el('p', { class: 'muted', text: 'No progress entry.' }),
    (entry.addenda ?? []).length ? el('section', {},
      el('h3', { text: 'Added later' }),
      el('ul', {}, entry.addenda.map((a) => el('li', {}, el('span', { class: 'muted', text: `${format.dateTime(a.writtenAt)}: ` }), a.text)))) : null)));
}

load(document.getElementById('entries'), fetchEntries, render);
