import { api } from './api.js';
import { el, format, load } from './ui.js';
import { weekStart } from './schedule.js';

// A therapist's day: today's groups first, what needs them (notes to write or sign,
// overdue notes, engagement alerts of their patients), then the next two weeks.
const $ = (id) => document.getElementById(id);
const DAY = 86_400_000;
const OVERDUE_HOURS = 72;
const RULES = { CONSECUTIVE_MISSED: 'missed sessions in a row', LOW_ATTENDANCE: 'low attendance', NO_ATTENDANCE: 'no attendance for a while' };

function where(s) {
  return [s.location?.room ? `Room ${s.location.room}` : null, s.location?.telehealthUrl ? 'Online' : null].filter(Boolean).join(' / ') || '—';
}

function sessionLink(s, text) {
  return el('a', { href: `/therapist/sessions/${encodeURIComponent(s.sessionId)}`, text });
}

function list(sessions, container, empty) {
  if (sessions.length === 0) {
    container.append(el('p', { class: 'muted', text: empty }));
    return;
  }
  container.append(el('ul', { class: 'cards' }, sessions.map((s) => el('li', { class: 'card' },
    el('h3', {}, sessionLink(s, s.groupName)),
    el('dl', { class: 'facts' },
      el('dt', { text: 'When' }), el('dd', { text: `${format.day(s.startsAt)}, ${format.time(s.startsAt)}–${format.time(s.endsAt)}` }),
      el('dt', { text: 'Kind' }), el('dd', { text: format.modality(s.modality) }),
      el('dt', { text: 'Where' }), el('dd', { text: where(s) }),
      el('dt', { text: 'Status' }), el('dd', { text: format.words(s.status) })),
    el('div', { class: 'actions' }, el('a', { class: 'button secondary', href: `/therapist/groups/${encodeURIComponent(s.groupId)}`, text: 'Group and members', 'aria-label': `${s.groupName}: group and members` }))))));
}

/** The note of each of my sessions of the last two weeks that was held, if any. */
async function notesOf(past) {
  return Promise.all(past.map(async (s) => {
    try {
      return { session: s, note: await api(`/api/notes?sessionId=${encodeURIComponent(s.sessionId)}`) };
    } catch (error) {
      return { session: s, note: null, missing: error.status === 404 };
    }
  }));
}

async function needs(past) {
  const [notes, alerts] = await Promise.all([notesOf(past), api('/api/sessions/alerts?status=OPEN').catch(() => [])]);
  const items = [];
  for (const { session, note } of notes) {
    const hours = (Date.now() - Date.parse(session.endsAt)) / 3_600_000;
    const late = hours > OVERDUE_HOURS;
    if (!note || note.status === 'DRAFT') {
      items.push({ late, node: el('li', { class: late ? 'overdue' : '' },
        el('span', { class: `badge ${late ? 'danger' : 'warn'}`, text: late ? 'Overdue' : (note ? 'To sign' : 'To write') }), ' ',
        note ? el('a', { href: `/therapist/notes/${encodeURIComponent(note.noteId)}`, text: `Note of ${session.groupName}, ${format.day(session.startsAt)}` })
          : sessionLink(session, `Note of ${session.groupName}, ${format.day(session.startsAt)}`)) });
    }
  }
  for (const alert of alerts) {
    items.push({ late: false, node: el('li', {},
      el('span', { class: 'badge danger', text: 'At risk' }), ' ',
      el('a', { href: `/therapist/patients/${encodeURIComponent(alert.patientId)}`, text: alert.patientName ?? 'A member' }),
      ` — ${RULES[alert.rule] ?? format.words(alert.rule)} since ${format.day(alert.raisedAt)}`) });
  }
  return items.sort((a, b) => Number(b.late) - Number(a.late)).map((i) => i.node);
}

async function start() {
  const now = new Date();
  const from = new Date(weekStart(now).getTime() - 7 * DAY);
  const to = new Date(weekStart(now).getTime() + 14 * DAY);
  const all = await api(`/api/sessions/me/schedule?from=${from.toISOString()}&to=${to.toISOString()}`);
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const tomorrow = midnight.getTime() + DAY;
  const today = all.filter((s) => Date.parse(s.startsAt) >= midnight.getTime() && Date.parse(s.startsAt) < tomorrow);
  const later = all.filter((s) => Date.parse(s.startsAt) >= tomorrow);
  const held = all.filter((s) => s.status === 'COMPLETED');
  load($('today'), async () => today, (sessions, box) => list(sessions, box, 'No group today.'));
  load($('sessions'), async () => later, (sessions, box) => list(sessions, box, 'Nothing else scheduled in these two weeks.'));
  load($('needs'), () => needs(held), (items, box) => box.append(items.length
    ? el('ul', { class: 'plain', id: 'needs-list' }, items)
    : el('p', { class: 'muted', text: 'Nothing waits for you: every note is signed and no member is flagged.' })));
}

start().catch((error) => $('today').replaceChildren(el('p', { class: 'error', text: error.message })));
