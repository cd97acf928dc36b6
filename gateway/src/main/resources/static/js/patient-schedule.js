import { api } from './api.js';
import { act, el, format, load } from './ui.js';
import { checkInOpen, weekStart } from './schedule.js';

const WEEKS_AHEAD = 8;
const DAY = 86_400_000;
let sessions = [];
let shownWeek = weekStart(new Date());

async function fetchSchedule() {
  const from = weekStart(new Date());
  const to = new Date(from.getTime() + WEEKS_AHEAD * 7 * DAY);
  const data = await api(`/api/sessions/me/schedule?from=${from.toISOString()}&to=${to.toISOString()}`);
  sessions = data.filter((s) => Date.parse(s.endsAt) >= Date.now() - 60 * 60_000);
  return sessions;
}

function sessionItem(session, { headingLevel = 'h3' } = {}) {
  const cancelled = session.status === 'CANCELLED';
  const item = el('article', { class: 'card', 'aria-label': `${session.groupName}, ${format.dateTime(session.startsAt)}` },
    el(headingLevel, { text: session.groupName }),
    el('dl', { class: 'facts' },
      el('dt', { text: 'When' }), el('dd', { text: `${format.day(session.startsAt)}, ${format.time(session.startsAt)}–${format.time(session.endsAt)}` }),
      el('dt', { text: 'Where' }), el('dd', {}, where(session)),
      el('dt', { text: 'Status' }), el('dd', {}, el('span', { class: `badge ${cancelled ? 'danger' : 'ok'}`, text: format.words(session.status) }),
        session.rescheduled ? el('span', { class: 'badge warn', text: 'moved' }) : null)));
  if (checkInOpen(session)) {
    const button = el('button', { type: 'button', text: "I'm here: check in" });
    button.addEventListener('click', () => act(button, async () => {
      await api(`/api/sessions/sessions/${encodeURIComponent(session.sessionId)}/check-in`, { method: 'POST' });
      button.replaceWith(el('p', { class: 'badge ok', text: 'Checked in' }));
    }, `Checked in to ${session.groupName}.`));
    item.append(el('div', { class: 'actions' }, button));
  }
  return item;
}

function where(session) {
  const parts = [];
  if (session.location?.room) parts.push(el('span', { text: `Room ${session.location.room}` }));
  if (session.location?.telehealthUrl) {
    if (parts.length) parts.push(' · ');
    parts.push(el('a', { href: session.location.telehealthUrl, rel: 'noopener noreferrer', target: '_blank', text: 'Join online (opens a new tab)' }));
  }
  return parts.length ? parts : ['To be announced'];
}

function renderList() {
  const next = sessions.find((s) => s.status !== 'CANCELLED');
  const nextBox = document.getElementById('next');
  nextBox.replaceChildren(next ? sessionItem(next, { headingLevel: 'h3' })
    : el('p', {}, 'No sessions planned. ', el('a', { href: '/patient/groups', text: 'Find a group to join' }), '.'));
  const list = document.getElementById('list');
  list.replaceChildren(sessions.length
    ? el('ul', { class: 'cards' }, sessions.map((s) => el('li', {}, sessionItem(s))))
    : el('p', { class: 'muted', text: `Nothing in the next ${WEEKS_AHEAD} weeks.` }));
}

function renderWeek() {
  const days = document.getElementById('week-days');
  const end = new Date(shownWeek.getTime() + 7 * DAY);
  document.getElementById('week-label').textContent = `Week of ${format.day(shownWeek.toISOString())}`;
  days.replaceChildren(...Array.from({ length: 7 }, (_, i) => {
    const day = new Date(shownWeek.getTime() + i * DAY);
    const next = new Date(day.getTime() + DAY);
    const mine = sessions.filter((s) => Date.parse(s.startsAt) >= day && Date.parse(s.startsAt) < next && Date.parse(s.startsAt) < end);
    return el('section', { class: 'day', 'aria-label': format.day(day.toISOString()) },
      el('h3', { text: format.day(day.toISOString()) }),
      mine.length ? el('ul', {}, mine.map((s) => el('li', {}, `${format.time(s.startsAt)} ${s.groupName}`,
        s.status === 'CANCELLED' ? ' (cancelled)' : ''))) : el('p', { class: 'muted', text: 'Free' }));
  }));
}

function show(view) {
  const week = view === 'week';
  document.getElementById('list').hidden = week;
  document.getElementById('week').hidden = !week;
  document.getElementById('show-list').setAttribute('aria-pressed', String(!week));
  document.getElementById('show-week').setAttribute('aria-pressed', String(week));
  if (week) renderWeek();
}

document.getElementById('show-list').addEventListener('click', () => show('list'));
document.getElementById('show-week').addEventListener('click', () => show('week'));
document.getElementById('previous-week').addEventListener('click', () => { shownWeek = new Date(shownWeek.getTime() - 7 * DAY); renderWeek(); });
document.getElementById('next-week').addEventListener('click', () => { shownWeek = new Date(shownWeek.getTime() + 7 * DAY); renderWeek(); });

load(document.getElementById('list'), fetchSchedule, renderList);
