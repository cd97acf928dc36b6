import { api } from './api.js';
import { act, announce, el, format, load, showError } from './ui.js';

// The audit report with filters, and "verify the chain". Entries carry ids only; names
// come from the directory, once per person.
const $ = (id) => document.getElementById(id);
const SIZE = 50;
const DAY = 86_400_000;
const PROBLEMS = {
  ALTERED: 'an entry no longer matches its seal: it was changed',
  REMOVED: 'entries are missing',
  REORDERED: 'entries are out of order',
  REWRITTEN: 'the chain was rewritten from some point on',
  FORGED_CHECKPOINT: 'a checkpoint does not carry a valid signature',
};
const names = new Map();
let page = 0;
let patientId = null;

async function nameOf(id) {
  if (!id) return 'The system';
  if (!names.has(id)) {
    names.set(id, api(`/api/auth/users/${encodeURIComponent(id)}`).then((u) => u.displayName).catch(() => 'Someone not in the directory'));
  }
  return names.get(id);
}

async function render(entries, container) {
  if (entries.length === 0) {
    container.append(el('p', { class: 'muted', text: page === 0 ? 'No entry matches these filters.' : 'No more entries.' }));
  } else {
    const rows = await Promise.all(entries.map(async (e) => el('tr', {},
      el('td', { text: String(e.seq) }),
      el('td', { text: format.dateTime(e.time) }),
      el('th', { scope: 'row', text: await nameOf(e.userId) }),
      el('td', { text: format.words(e.role) }),
      el('td', { text: format.words(e.action) }),
      el('td', { text: format.words(e.outcome) }),
      el('td', { text: (await Promise.all((e.patientIds ?? []).map(nameOf))).join(', ') || '—' }))));
    container.append(el('table', { id: 'audit-table' },
      el('caption', { class: 'muted', text: `Page ${page + 1}` }),
      el('thead', {}, el('tr', {}, ['#', 'When', 'Who', 'As', 'Did', 'Outcome', 'About'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows)));
  }
  $('pages').replaceChildren(...[
    page > 0 ? el('button', { type: 'button', class: 'secondary', text: 'Previous page', onclick: () => { page -= 1; show(); } }) : null,
    entries.length === SIZE ? el('button', { type: 'button', class: 'secondary', text: 'Next page', onclick: () => { page += 1; show(); } }) : null,
  ].filter(Boolean));
}

function show() {
  const params = new URLSearchParams({ sort: $('sort').value, page: String(page), size: String(SIZE) });
  if ($('from').value) params.set('from', new Date(`${$('from').value}T00:00:00Z`).toISOString());
  if ($('to').value) params.set('to', new Date(Date.parse(`${$('to').value}T00:00:00Z`) + DAY).toISOString());
  if ($('userId').value) params.set('userId', $('userId').value);
  if (patientId) params.set('patientId', patientId);
  return load($('entries'), () => api(`/api/notes/audit?${params}`), render);
}

async function findPatient(text) {
  if (!text) return null;
  const found = await api(`/api/auth/users?role=PATIENT&size=5&q=${encodeURIComponent(text)}`);
  if (found.items.length === 1) return found.items[0].userId;
  const exact = found.items.filter((p) => p.displayName.toLowerCase() === text.toLowerCase());
  if (exact.length === 1) return exact[0].userId;
  throw new Error(found.items.length === 0
    ? 'No patient has that name. Check the spelling, then show again.'
    : 'Several patients match that name. Type more of it, then show again.');
}

$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  act($('filters').querySelector('button'), async () => {
    patientId = await findPatient($('patient').value.trim());
    page = 0;
    await show();
  });
});

$('verify').addEventListener('click', () => act($('verify'), async () => {
  const result = await api('/api/notes/audit/verify?scope=full');
  const verdict = $('verdict');
  verdict.classList.toggle('broken', !result.valid);
  verdict.textContent = result.valid
    ? `The audit trail is intact: ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'} checked against ${result.checkpoints} signed checkpoint${result.checkpoints === 1 ? '' : 's'}.`
    : `The audit trail is broken at entry ${result.seq ?? '?'}: ${PROBLEMS[result.problem] ?? format.words(result.problem)}. Keep this page, and tell your security officer now.`;
  verdict.hidden = false;
  announce(verdict.textContent);
  verdict.focus();
}));

async function staff() {
  // reading one's own profile also puts an account made in Keycloak directly into the directory
  const me = await api('/api/auth/me/profile').catch(() => null);
  if (me) names.set(me.id, Promise.resolve(`${me.displayName} (you)`));
  const [therapists, directors] = await Promise.all([api('/api/auth/users?role=THERAPIST&size=100'), api('/api/auth/users?role=DIRECTOR&size=100')]);
  const people = [...therapists.items, ...directors.items].sort((a, b) => a.displayName.localeCompare(b.displayName));
  people.filter((p) => !names.has(p.userId)).forEach((p) => names.set(p.userId, Promise.resolve(p.displayName)));
  $('userId').replaceChildren(el('option', { value: '', text: 'Anyone' }), ...people.map((p) => el('option', { value: p.userId, text: p.displayName })));
}

staff().catch(showError).then(show);
