import { api } from './api.js';
import { el, format, load } from './ui.js';
import { weekStart } from './schedule.js';

const DAY = 86_400_000;

async function fetchSessions() {
  const from = weekStart(new Date());
  const to = new Date(from.getTime() + 14 * DAY);
  return api(`/api/sessions/me/schedule?from=${from.toISOString()}&to=${to.toISOString()}`);
}

function render(sessions, box) {
  if (sessions.length === 0) {
    box.append(el('p', { class: 'muted', text: 'No sessions in these two weeks.' }));
    return;
  }
  box.append(el('div', { class: 'table-wrap' }, el('table', {},
    el('caption', { class: 'muted', text: 'Sessions you lead or co-facilitate' }),
    el('thead', {}, el('tr', {}, ['When', 'Group', 'Kind', 'Where', 'Status'].map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, sessions.map((s) => el('tr', {},
      el('td', { text: `${format.day(s.startsAt)}, ${format.time(s.startsAt)}–${format.time(s.endsAt)}` }),
      el('td', { text: s.groupName }),
      el('td', { text: format.modality(s.modality) }),
      el('td', { text: [s.location?.room ? `Room ${s.location.room}` : null, s.location?.telehealthUrl ? 'Online' : null].filter(Boolean).join(' / ') || '—' }),
      el('td', { text: format.words(s.status) })))))));
}

load(document.getElementById('sessions'), fetchSessions, render);
