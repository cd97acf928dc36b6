import { api } from './api.js';
import { act, el, showError } from './ui.js';
import { programPicker } from './director-common.js';
import { describeRecurrence } from './schedule.js';

// One form for a new group and for changing one. A new group's schedule is built from
// plain choices into an RRULE, and the service shows the sessions it would give before
// anything is saved; a group's schedule cannot change afterwards.
const main = document.getElementById('main');
const groupId = main.dataset.groupId || null;
const form = document.getElementById('group-form');
const $ = (id) => document.getElementById(id);
const DAYS = [['MO', 'Mon', 'Monday'], ['TU', 'Tue', 'Tuesday'], ['WE', 'Wed', 'Wednesday'], ['TH', 'Thu', 'Thursday'],
  ['FR', 'Fri', 'Friday'], ['SA', 'Sat', 'Saturday'], ['SU', 'Sun', 'Sunday']];

async function people() {
  const [therapists, directors] = await Promise.all([
    api('/api/auth/users?role=THERAPIST&size=100'),
    api('/api/auth/users?role=DIRECTOR&size=100'),
  ]);
  const active = (page) => page.items.filter((u) => u.status === 'ACTIVE')
    .sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? ''));
  return { therapists: active(therapists), directors: active(directors) };
}

function fillPeople({ therapists, directors }) {
  $('lead').replaceChildren(el('option', { value: '', text: 'Choose a therapist' }),
    ...therapists.map((t) => el('option', { value: t.userId, text: t.displayName })));
  const box = $('co-facilitators');
  box.querySelectorAll('div').forEach((d) => d.remove());
  therapists.forEach((t, i) => box.append(el('div', {},
    el('input', { type: 'checkbox', id: `co-${i}`, name: 'co', value: t.userId }),
    el('label', { class: 'inline-label', for: `co-${i}`, text: t.displayName }))));
  $('supervisorId').replaceChildren(el('option', { value: '', text: 'None' }),
    el('optgroup', { label: 'Therapists' }, therapists.map((t) => el('option', { value: t.userId, text: t.displayName }))),
    el('optgroup', { label: 'Directors' }, directors.map((d) => el('option', { value: d.userId, text: d.displayName }))));
}

function number(id) {
  const value = $(id).value.trim();
  return value === '' ? null : Number.parseInt(value, 10);
}

function settings() {
  const lead = $('lead').value;
  const co = [...form.querySelectorAll('input[name="co"]:checked')].map((c) => c.value).filter((id) => id !== lead);
  return {
    name: $('name').value.trim(),
    openness: $('openness').value,
    aftercare: $('aftercare').checked,
    selfEnrollment: $('selfEnrollment').checked,
    minSize: number('minSize'),
    maxSize: number('maxSize'),
    sessionMinutes: number('sessionMinutes'),
    facilitators: [...(lead ? [{ therapistId: lead, role: 'LEAD' }] : []),
      ...co.map((id) => ({ therapistId: id, role: 'CO_FACILITATOR' }))],
    supervisorId: $('supervisorId').value,
    location: { room: $('room').value.trim() || null, telehealthUrl: $('telehealthUrl').value.trim() || null },
  };
}

// ---- the schedule of a new group

function checkedDays() {
  return [...form.querySelectorAll('input[name="day"]:checked')].map((d) => d.value);
}

function rule() {
  const interval = Number.parseInt($('frequency').value, 10);
  const days = checkedDays();
  return ['FREQ=WEEKLY', interval > 1 ? `INTERVAL=${interval}` : null, days.length ? `BYDAY=${days.join(',')}` : null]
    .filter(Boolean).join(';');
}

function recurrence() {
  const ends = $('ends').value;
  return {
    rrule: rule(),
    start: $('start').value && $('startTime').value ? `${$('start').value}T${$('startTime').value}:00` : null,
    until: ends === 'until' ? $('until').value || null : null,
    count: ends === 'count' ? number('count') : null,
  };
}

function dayOf(dateText) {
  // the weekday of a calendar date, whatever the browser's zone
  const index = new Date(`${dateText}T12:00:00Z`).getUTCDay();
  return DAYS[(index + 6) % 7][0];
}

let previewTimer;
let previewed = 0;

function schedulePreview() {
  $('rrule').textContent = rule();
  $('until-field').hidden = $('ends').value !== 'until';
  $('count-field').hidden = $('ends').value !== 'count';
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 400);
}

async function preview() {
  const box = $('preview');
  const program = $('program').value;
  const asked = ++previewed;
  if (!program || !$('start').value) {
    box.replaceChildren(el('p', { class: 'muted', text: 'Choose the first session\'s date to see the sessions this gives.' }));
    return;
  }
  try {
    const result = await api(`/api/sessions/programs/${encodeURIComponent(program)}/groups/preview?count=8`,
      { method: 'POST', body: { recurrence: recurrence() } });
    if (asked !== previewed) return;
    const zoned = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: result.timeZone });
    box.replaceChildren(
      el('p', { class: 'hint', text: `The first ${result.occurrences.length} sessions, in the program's time zone (${result.timeZone}):` }),
      el('ol', { id: 'preview-list' }, result.occurrences.map((o) => el('li', {}, el('time', { datetime: o.startsAt, text: zoned.format(new Date(o.startsAt)) })))));
  } catch (error) {
    if (asked !== previewed) return;
    const reasons = error.fields.map((f) => f.message ?? f.detail).filter(Boolean);
    box.replaceChildren(el('p', { class: 'error', text: reasons.length ? `This schedule gives no sessions yet: ${reasons.join('; ')}.` : error.message }));
  }
}

function setUpSchedule() {
  const chips = $('days').querySelector('.chips');
  chips.replaceChildren(...DAYS.map(([code, short, long]) => el('span', { class: 'chip' },
    el('input', { type: 'checkbox', id: `day-${code}`, name: 'day', value: code }),
    el('label', { class: 'inline-label', for: `day-${code}`, 'aria-label': long, text: short }))));
  const next = new Date(Date.now() + 7 * 86_400_000);
  $('start').value = next.toISOString().slice(0, 10);
  $(`day-${dayOf($('start').value)}`).checked = true;
  $('start').addEventListener('change', () => {
    // the first session must itself be one of the days: follow the date unless the
    // director already chose days that include it
    if ($('start').value && !checkedDays().includes(dayOf($('start').value))) {
      form.querySelectorAll('input[name="day"]').forEach((d) => { d.checked = d.value === dayOf($('start').value); });
    }
  });
  ['frequency', 'start', 'startTime', 'ends', 'until', 'count', 'program'].forEach((id) => $(id).addEventListener('change', schedulePreview));
  $('days').addEventListener('change', schedulePreview);
  schedulePreview();
}

// ---- an existing group

function fill(group) {
  $('name').value = group.name;
  $('modality').value = group.modality;
  $('openness').value = group.openness;
  $('aftercare').checked = group.aftercare;
  $('selfEnrollment').checked = group.selfEnrollment;
  $('minSize').value = group.minSize;
  $('maxSize').value = group.maxSize;
  $('sessionMinutes').value = group.sessionMinutes;
  const lead = group.facilitators.find((f) => f.role === 'LEAD');
  if (lead) $('lead').value = lead.therapistId;
  group.facilitators.filter((f) => f.role !== 'LEAD').forEach((f) => {
    const box = form.querySelector(`input[name="co"][value="${CSS.escape(f.therapistId)}"]`);
    if (box) box.checked = true;
  });
  $('supervisorId').value = group.supervisorId ?? '';
  $('room').value = group.location?.room ?? '';
  $('telehealthUrl').value = group.location?.telehealthUrl ?? '';
  const first = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${group.recurrence.start.slice(0, 10)}T00:00:00Z`));
  $('recurrence-fixed').textContent = `${describeRecurrence(group)} (${group.timeZone}), first session on ${first}.`;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  act($('save'), async () => {
    if (groupId) {
      await api(`/api/sessions/groups/${encodeURIComponent(groupId)}`, { method: 'PATCH', body: settings() });
      window.location.assign(`/director/groups/${encodeURIComponent(groupId)}?saved=changed`);
    } else {
      const created = await api(`/api/sessions/programs/${encodeURIComponent($('program').value)}/groups`,
        { method: 'POST', body: { ...settings(), modality: $('modality').value, recurrence: recurrence() } });
      window.location.assign(`/director/groups/${encodeURIComponent(created.id)}?saved=created`);
    }
  });
});

async function start() {
  try {
    const found = await people();
    fillPeople(found);
    if (groupId) {
      fill(await api(`/api/sessions/groups/${encodeURIComponent(groupId)}`));
    } else {
      const programs = await programPicker($('program'));
      if (programs.length === 0) {
        showError(new Error('You direct no program yet. Start one on the "Groups" page first.'));
      }
      setUpSchedule();
    }
  } catch (error) {
    showError(error);
  }
}

start();
