import { api } from './api.js';
import { act, announce, el, format, load, showError, stacked } from './ui.js';
import { describeRecurrence } from './schedule.js';

// One group for its director: what it is, who is in it, who waits, who was in it, and
// ending it. Membership changes go through the same API a facilitator uses.
const groupId = document.getElementById('main').dataset.groupId;
const base = `/api/sessions/groups/${encodeURIComponent(groupId)}`;
const $ = (id) => document.getElementById(id);
const SAVED = { created: 'The group is created and its sessions are scheduled.', changed: 'Your changes are saved.' };
let group;

function details(g) {
  $('group-name').textContent = g.name;
  document.title = `${g.name} · Group therapy`;
  const people = (role) => g.facilitators.filter((f) => f.role === role).map((f) => f.displayName ?? 'A therapist').join(', ') || '—';
  const where = [g.location?.room, g.location?.telehealthUrl ? 'telehealth' : null].filter(Boolean).join(' and ');
  const box = $('details');
  box.replaceChildren(el('dl', { class: 'facts', id: 'group-facts' },
    el('dt', { text: 'Status' }), el('dd', { text: g.status === 'ACTIVE' ? 'Running' : `Ended (${format.words(g.status)})` }),
    el('dt', { text: 'Modality' }), el('dd', { text: format.modality(g.modality) }),
    el('dt', { text: 'Meets' }), el('dd', { text: `${describeRecurrence(g)}, ${g.sessionMinutes} minutes (${g.timeZone})` }),
    el('dt', { text: 'Lead' }), el('dd', { text: people('LEAD') }),
    el('dt', { text: 'Co-facilitators' }), el('dd', { text: people('CO_FACILITATOR') }),
    el('dt', { text: 'Where' }), el('dd', { text: where || '—' }),
    el('dt', { text: 'Seats' }), el('dd', { text: `${g.seatsTaken} of ${g.maxSize} taken, at least ${g.minSize} to run` }),
    el('dt', { text: 'Membership' }), el('dd', { text: `${g.openness === 'OPEN' ? 'Open' : 'Closed'}${g.aftercare ? ', aftercare' : ''}${g.selfEnrollment ? ', patients may join themselves' : ''}` })));
  if (g.status === 'ACTIVE') {
    box.append(el('p', {}, el('a', { class: 'button secondary', href: `/director/groups/${encodeURIComponent(g.id)}/edit`, text: 'Change settings' })));
  }
  $('end-section').hidden = g.status !== 'ACTIVE';
  $('enrol-section').hidden = g.status !== 'ACTIVE';
}

function statusButton(member, status, label, style = 'secondary') {
  const button = el('button', { type: 'button', class: style, text: label, 'aria-label': `${label}: ${member.patientName ?? 'this member'}` });
  button.addEventListener('click', () => act(button, async () => {
    await api(`${base}/memberships/${encodeURIComponent(member.episodeId)}/status`, { method: 'POST', body: { status } });
    await refresh();
  }, `${member.patientName ?? 'The member'}: ${format.words(status === 'ACTIVE' ? 'back in the group' : status)}.`));
  return button;
}

function grid(caption, headers, rows, empty) {
  if (rows.length === 0) return el('p', { class: 'muted', text: empty });
  return stacked(el('table', {},
    el('caption', { class: 'muted', text: caption }),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows)));
}

function name(member) {
  return member.patientName ?? 'A patient not yet in the directory';
}

function memberships(list) {
  const ended = group.status !== 'ACTIVE';
  const current = list.filter((m) => m.status === 'ACTIVE' || m.status === 'ON_HOLD');
  $('roster').replaceChildren(grid('Current members', ['Member', 'Status', 'Since', 'Actions'], current.map((m) => el('tr', {},
    el('th', { scope: 'row', text: name(m) }),
    el('td', { text: m.status === 'ON_HOLD' ? 'On hold' : 'Active' }),
    el('td', { text: m.activeFrom ? format.day(m.activeFrom) : '—' }),
    el('td', {}, ended ? '—' : el('div', { class: 'actions' },
      m.status === 'ACTIVE' ? statusButton(m, 'ON_HOLD', 'Put on hold') : statusButton(m, 'ACTIVE', 'Resume'),
      statusButton(m, 'DISCHARGED', 'Discharge', 'danger'))))), 'Nobody is in this group yet.'));
  const waiting = list.filter((m) => m.status === 'WAITLISTED').sort((a, b) => a.waitlistPosition - b.waitlistPosition);
  $('waitlist').replaceChildren(grid('In the order seats are offered', ['Position', 'Member', 'Waiting since', 'Actions'], waiting.map((m) => el('tr', {},
    el('td', { text: String(m.waitlistPosition) }),
    el('th', { scope: 'row', text: name(m) }),
    el('td', { text: format.dateTime(m.requestedAt) }),
    el('td', {}, ended ? '—' : statusButton(m, 'LEFT', 'Take off the waitlist')))), 'Nobody is waiting for a seat.'));
  const changes = list.flatMap((m) => (m.history ?? []).map((h) => ({ member: m, change: h })))
    .sort((a, b) => Date.parse(b.change.at) - Date.parse(a.change.at));
  $('history').replaceChildren(grid('Every change of membership, newest first', ['When', 'Member', 'Became', 'Reason'], changes.map(({ member, change }) => el('tr', {},
    el('td', { text: format.dateTime(change.at) }),
    el('th', { scope: 'row', text: name(member) }),
    el('td', { text: format.words(change.status) }),
    el('td', { text: change.reason ?? '' }))), 'No membership changes yet.'));
}

async function refresh() {
  group = await api(base);
  details(group);
  memberships(await api(`${base}/memberships`));
}

$('find-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = $('patientQuery').value.trim();
  load($('candidates'), () => api(`/api/auth/users?role=PATIENT&size=20${q ? `&q=${encodeURIComponent(q)}` : ''}`), (page, container) => {
    if (page.items.length === 0) {
      container.append(el('p', { class: 'muted', text: 'No patient by that name. Check the spelling, or invite them from Accounts.' }));
      return;
    }
    container.append(el('ul', { class: 'plain', id: 'candidate-list' }, page.items.map((p) => {
      const button = el('button', { type: 'button', text: 'Add to the group', 'aria-label': `Add ${p.displayName} to the group` });
      button.disabled = p.status === 'DEACTIVATED' || group.status !== 'ACTIVE';
      button.addEventListener('click', () => act(button, async () => {
        const added = await api(`${base}/memberships`, { method: 'POST', body: { patientId: p.userId } });
        await refresh();
        $('candidates').replaceChildren();
        announce(added.status === 'WAITLISTED'
          ? `${p.displayName} is on the waitlist, position ${added.waitlistPosition}: the group is full.`
          : `${p.displayName} is now a member.`);
      }));
      return el('li', {}, el('span', { text: p.displayName }),
        p.status === 'DEACTIVATED' ? el('span', { class: 'muted', text: ' (account deactivated)' }) : null,
        ' ', button);
    })));
  });
});

$('end-form').addEventListener('submit', (event) => {
  event.preventDefault();
  $('end-confirm').hidden = false;
  $('end-yes').focus();
});
$('end-no').addEventListener('click', () => {
  $('end-confirm').hidden = true;
  $('end-button').focus();
});
$('end-yes').addEventListener('click', () => act($('end-yes'), async () => {
  const outcome = document.querySelector('input[name="outcome"]:checked').value;
  await api(`${base}/end`, { method: 'POST', body: { outcome, reason: $('reason').value.trim() || null } });
  $('end-confirm').hidden = true;
  await refresh();
  $('group-name').focus();
}, 'The group has ended; its future sessions are cancelled.'));

refresh()
  .then(() => {
    const saved = new URLSearchParams(window.location.search).get('saved');
    if (SAVED[saved]) announce(SAVED[saved]);
  })
  .catch((error) => {
    showError(error);
    $('details').replaceChildren(el('p', { class: 'error', text: error.message }));
  });
