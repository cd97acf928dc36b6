import { api } from './api.js';
import { el, format, showError } from './ui.js';
import { percent, table } from './director-common.js';

// Drill-down from the program dashboard: a group with its sessions, a session with each
// member's attendance, a member's attendance history in a group.
const $ = (id) => document.getElementById(id);
const { groupId, sessionId, patientId } = $('main').dataset;
const range = new URLSearchParams(window.location.search);

function crumb(text, href) {
  $('breadcrumb').append(el('li', {}, href ? el('a', { href, text }) : el('span', { 'aria-current': 'page', text })));
}

function facts(pairs) {
  $('facts').replaceChildren(el('dl', { class: 'facts', id: 'drill-facts' }, pairs.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v ?? '—') })])));
}

function figures(f) {
  return [['Sessions held', f.sessionsHeld], ['Attended', f.attended], ['Late', f.late], ['Left early', f.leftEarly],
    ['No-shows', f.noShow], ['Attendance rate', percent(f.attendanceRate)], ['Utilisation', percent(f.utilisation)]];
}

const groupHref = (id) => `/director/dashboard/groups/${encodeURIComponent(id)}`;

async function group() {
  const params = new URLSearchParams();
  if (range.get('from')) params.set('from', range.get('from'));
  if (range.get('to')) params.set('to', range.get('to'));
  const g = await api(`/api/sessions/dashboards/groups/${encodeURIComponent(groupId)}?${params}`);
  $('title').textContent = g.name;
  crumb(g.name);
  facts([['Period', `${g.from} to ${g.to}`], ['Kind', format.modality(g.modality)], ['Seats', g.maxSize], ...figures(g.totals)]);
  $('rows').replaceChildren(table('Sessions of the period', ['Session', 'Status', 'Attended', 'No-shows', 'Attendance rate'],
    g.sessions.map((s) => [el('a', { href: `/director/dashboard/sessions/${encodeURIComponent(s.sessionId)}`, text: format.dateTime(s.startsAt) }),
      format.words(s.status), String(s.figures.attended), String(s.figures.noShow), percent(s.figures.attendanceRate)])));
}

async function session() {
  const s = await api(`/api/sessions/dashboards/sessions/${encodeURIComponent(sessionId)}`);
  const g = await api(`/api/sessions/dashboards/groups/${encodeURIComponent(s.groupId)}`).catch(() => null);
  crumb(g?.name ?? 'Group', groupHref(s.groupId));
  crumb(format.dateTime(s.startsAt));
  $('title').textContent = `${g?.name ?? 'Session'}, ${format.dateTime(s.startsAt)}`;
  facts([['Status', format.words(s.status)], ['Note', s.noteStatus ? format.words(s.noteStatus) : 'not opened'], ...figures(s.figures)]);
  $('rows').replaceChildren(table('Each member', ['Member', 'Attendance'],
    s.members.map((m) => [el('a', { href: `${groupHref(s.groupId)}/members/${encodeURIComponent(m.patientId)}`, text: m.name ?? 'A member' }), format.words(m.attendance)])));
}

async function member() {
  const m = await api(`/api/sessions/dashboards/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(patientId)}`);
  const g = await api(`/api/sessions/dashboards/groups/${encodeURIComponent(groupId)}`).catch(() => null);
  crumb(g?.name ?? 'Group', groupHref(groupId));
  crumb(m.name ?? 'Member');
  $('title').textContent = `${m.name ?? 'A member'} in ${g?.name ?? 'the group'}`;
  facts([['Membership', format.words(m.status)], ['Since', m.since ? format.day(m.since) : '—'], ['Attended', m.attended], ['Missed', m.missed],
    ['Attendance rate', percent(m.attendanceRate)], ['Last attended', m.lastAttendedAt ? format.day(m.lastAttendedAt) : 'never']]);
  $('rows').replaceChildren(table('Every session since joining', ['Session', 'Attendance'],
    m.visits.map((v) => [el('a', { href: `/director/dashboard/sessions/${encodeURIComponent(v.sessionId)}`, text: format.dateTime(v.startsAt) }), format.words(v.attendance)])));
}

(patientId ? member() : sessionId ? session() : group()).catch(showError);
