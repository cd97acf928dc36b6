import { api } from './api.js';
import { act, announce, el, format, showError } from './ui.js';

// A session as its facilitator runs it: start, attendance in a tap per member, complete,
// then on to the note. Built for a tablet held in one hand.
const $ = (id) => document.getElementById(id);
const sessionId = $('main').dataset.sessionId;
const base = `/api/sessions/sessions/${encodeURIComponent(sessionId)}`;
const QUICK = [['PRESENT', 'Present'], ['LATE', 'Late'], ['LEFT_EARLY', 'Left early'], ['NO_SHOW', 'No-show'], ['EXCUSED', 'Excused']];
const MORE = [['CANCELLED_BY_PATIENT', 'Cancelled in time'], ['LATE_CANCELLATION', 'Cancelled late'], ['CANCELLED_BY_CLINICIAN', 'Cancelled by us']];
const LABEL = Object.fromEntries([...QUICK, ...MORE, ['NOT_RECORDED', 'Not recorded']]);
let session;
let group;

function record(member, current, status, minutes, reason) {
  return api(`${base}/attendance/${encodeURIComponent(member.patientId)}`, { method: 'PUT', body: { status, minutes, reason } });
}

/** A form under the member's buttons for what one tap cannot say: minutes, a reason. */
function detailsForm(member, current, status, row) {
  row.querySelector('.more-form')?.remove();
  const id = `m-${member.patientId}`;
  const needsMinutes = status === 'LATE' || status === 'LEFT_EARLY';
  const minutes = needsMinutes ? el('input', { id: `${id}-minutes`, type: 'number', min: '1', max: '480', inputmode: 'numeric', value: current?.minutes ?? '' }) : null;
  const reason = current ? el('input', { id: `${id}-reason`, maxlength: '500', autocomplete: 'off' }) : null;
  const save = el('button', { type: 'submit', text: `Save: ${LABEL[status]}` });
  const form = el('form', { class: 'inline more-form', 'aria-label': `${LABEL[status]} for ${member.patientName}` },
    minutes ? el('div', { class: 'field' }, el('label', { for: minutes.id, text: status === 'LATE' ? 'Minutes late' : 'Minutes before the end' }), minutes) : null,
    reason ? el('div', { class: 'field' }, el('label', { for: reason.id, text: 'Reason for the correction' }), reason) : null,
    save);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(save, async () => {
      await record(member, current, status, minutes ? Number.parseInt(minutes.value, 10) || null : null, reason?.value.trim() || null);
      await refresh(member.patientId);
    }, `${member.patientName}: ${LABEL[status].toLowerCase()}.`);
  });
  row.append(form);
  (minutes ?? reason).focus();
}

function memberRow(member, current, checkIn) {
  const name = member.patientName ?? 'A member';
  const row = el('li', { class: 'attendance-row', 'data-patient-id': member.patientId });
  const recorded = current && current.status !== 'NOT_RECORDED';
  const state = recorded
    ? `${LABEL[current.status] ?? format.words(current.status)}${current.minutes ? ` (${current.minutes} min)` : ''}`
    : 'Not recorded yet';
  row.append(el('div', { class: 'attendance-name' },
    el('a', { href: `/therapist/patients/${encodeURIComponent(member.patientId)}`, text: name }),
    el('span', { class: `badge ${recorded ? 'ok' : 'warn'}`, text: state }),
    checkIn ? el('span', { class: 'muted', text: ` checked in ${format.time(checkIn.recordedAt)}` }) : null));
  const buttons = QUICK.map(([status, label]) => {
    const b = el('button', { type: 'button', class: 'secondary', text: label, 'aria-pressed': String(current?.status === status), 'aria-label': `${label}: ${name}` });
    b.addEventListener('click', () => {
      if (status === 'LATE' || status === 'LEFT_EARLY' || (recorded && current.status !== status)) {
        detailsForm(member, recorded ? current : null, status, row);
        return;
      }
      if (recorded && current.status === status) return;
      act(b, async () => {
        await record(member, current, status, null, null);
        await refresh(member.patientId);
      }, `${name}: ${label.toLowerCase()}.`);
    });
    return b;
  });
  const more = el('select', { 'aria-label': `Other status for ${name}` },
    el('option', { value: '', text: 'Other…' }), MORE.map(([value, label]) => el('option', { value, text: label, selected: current?.status === value })));
  more.addEventListener('change', () => {
    if (!more.value) return;
    if (recorded) {
      detailsForm(member, current, more.value, row);
    } else {
      act(more, async () => {
        await record(member, current, more.value, null, null);
        await refresh(member.patientId);
      }, `${name}: ${LABEL[more.value].toLowerCase()}.`);
    }
  });
  row.append(el('div', { class: 'tap-row', role: 'group', 'aria-label': `Attendance of ${name}` }, buttons, more));
  return row;
}

function steps() {
  const box = $('steps');
  box.replaceChildren();
  if (session.status === 'SCHEDULED') {
    const start = el('button', { type: 'button', text: 'Start the session' });
    start.addEventListener('click', () => act(start, async () => {
      await api(`${base}/start`, { method: 'POST' });
      await refresh();
    }, 'The session has started.'));
    box.append(start);
  }
  if (session.status === 'IN_PROGRESS') {
    const complete = el('button', { type: 'button', text: 'Complete the session' });
    complete.addEventListener('click', () => act(complete, async () => {
      await api(`${base}/complete`, { method: 'POST' });
      await refresh();
    }, 'The session is complete. Write the note next.'));
    box.append(complete);
  }
  if (session.status === 'COMPLETED') {
    const write = el('button', { type: 'button', text: 'Write the note' });
    write.addEventListener('click', () => act(write, async () => {
      const note = await api('/api/notes', { method: 'POST', body: { sessionId } });
      window.location.assign(`/therapist/notes/${encodeURIComponent(note.noteId)}`);
    }));
    box.append(write);
  }
  box.append(el('a', { class: 'button secondary', href: `/therapist/groups/${encodeURIComponent(group.id)}`, text: 'The group' }));
}

async function refresh(focusPatient) {
  session = await api(base);
  group = group ?? await api(`/api/sessions/groups/${encodeURIComponent(session.groupId)}`);
  const [memberships, attendance] = await Promise.all([
    api(`/api/sessions/groups/${encodeURIComponent(group.id)}/memberships`),
    api(`${base}/attendance`),
  ]);
  $('session-title').textContent = `${group.name}, ${format.day(session.startsAt)}`;
  $('facts').replaceChildren(el('dl', { class: 'facts', id: 'session-facts' },
    el('dt', { text: 'Time' }), el('dd', { text: `${format.time(session.startsAt)}–${format.time(session.endsAt)}` }),
    el('dt', { text: 'Status' }), el('dd', { text: format.words(session.status) }),
    el('dt', { text: 'Where' }), el('dd', { text: [group.location?.room ? `Room ${group.location.room}` : null, group.location?.telehealthUrl ? 'Online' : null].filter(Boolean).join(' / ') || '—' })));
  if (group.location?.telehealthUrl) {
    $('facts').append(el('p', {}, el('a', { href: group.location.telehealthUrl, rel: 'noopener', target: '_blank', text: 'Open the telehealth room' })));
  }
  steps();
  const byPatient = new Map(attendance.map((a) => [a.patientId, a]));
  const members = memberships.filter((m) => m.status === 'ACTIVE' || m.status === 'ON_HOLD' || byPatient.has(m.patientId))
    .filter((m, i, all) => all.findIndex((o) => o.patientId === m.patientId) === i)
    .sort((a, b) => (a.patientName ?? '').localeCompare(b.patientName ?? ''));
  const box = $('attendance');
  if (members.length === 0) {
    box.replaceChildren(el('p', { class: 'muted', text: 'This group has no members yet.' }));
    return;
  }
  const checkIns = new Map(attendance.filter((a) => a.source === 'SELF_CHECK_IN').map((a) => [a.patientId, a]));
  box.replaceChildren(el('ul', { class: 'attendance', id: 'attendance-list' },
    members.map((m) => memberRow(m, byPatient.get(m.patientId), checkIns.get(m.patientId)))));
  if (focusPatient) {
    box.querySelector(`[data-patient-id="${CSS.escape(focusPatient)}"] button[aria-pressed="true"]`)?.focus();
  }
}

refresh().catch((error) => {
  showError(error);
  announce('');
});
