import { api } from './api.js';
import { act, el, format, load, showError } from './ui.js';
import { programPicker } from './director-common.js';
import { describeRecurrence } from './schedule.js';

const select = document.getElementById('program');
const box = document.getElementById('groups');
const newGroup = document.getElementById('new-group');
const form = document.getElementById('program-form');
const zone = document.getElementById('timeZone');

function lead(group) {
  const found = group.facilitators.find((f) => f.role === 'LEAD') ?? group.facilitators[0];
  return found ? found.displayName ?? 'A therapist' : '—';
}

function render(groups, container) {
  const mine = groups.filter((g) => g.programId === select.value)
    .sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'ACTIVE' ? -1 : 1));
  if (mine.length === 0) {
    container.append(el('p', { class: 'muted', text: 'This program has no group yet. Start one with "New group".' }));
    return;
  }
  const body = mine.map((g) => el('tr', {},
    el('th', { scope: 'row' }, el('a', { href: `/director/groups/${encodeURIComponent(g.id)}`, text: g.name })),
    el('td', { text: format.modality(g.modality) }),
    el('td', { text: describeRecurrence(g) }),
    el('td', { text: lead(g) }),
    el('td', { text: `${g.seatsTaken} of ${g.maxSize}` }),
    el('td', { text: String(g.waitlisted) }),
    el('td', { text: g.status === 'ACTIVE' ? 'Running' : `Ended (${format.words(g.status)})` })));
  container.append(el('table', { id: 'groups-table' },
    el('caption', { class: 'muted', text: `Groups of this program, times in ${mine[0].timeZone}` }),
    el('thead', {}, el('tr', {}, ['Group', 'Modality', 'Meets', 'Lead', 'Seats taken', 'Waitlist', 'Status']
      .map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, body)));
}

async function show() {
  newGroup.href = `/director/groups/new?program=${encodeURIComponent(select.value)}`;
  const url = new URL(window.location.href);
  url.searchParams.set('program', select.value);
  window.history.replaceState(null, '', url);
  await load(box, () => api('/api/sessions/groups'), render);
}

function zones() {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [here];
  zone.replaceChildren(...all.map((z) => el('option', { value: z, text: z.replaceAll('_', ' ') })));
  zone.value = all.includes(here) && here !== 'UTC' ? here : 'Europe/Berlin';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const button = form.querySelector('button[type="submit"]');
  act(button, async () => {
    const name = document.getElementById('name');
    const created = await api('/api/sessions/programs', { method: 'POST', body: { name: name.value.trim(), timeZone: zone.value } });
    await programPicker(select);
    select.value = created.id;
    name.value = '';
    await show();
  }, 'The program is created. Add its first group with "New group".');
});

select.addEventListener('change', show);
zones();
// a director who directs no program yet starts one on this page
programPicker(select)
  .then((programs) => (programs.length ? show() : box.replaceChildren(el('p', { class: 'muted', text: 'You direct no program yet. Start one below.' }))))
  .catch(showError);
