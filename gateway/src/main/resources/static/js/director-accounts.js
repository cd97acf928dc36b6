import { api } from './api.js';
import { act, announce, clearError, el, format, load, showError, stacked } from './ui.js';

// Accounts for a director: find anyone, invite patients, add staff, and the life of an
// account (new code, withdrawn invitation, deactivated, reactivated, another role). A
// one-time link is shown once, in one place, to copy.
const $ = (id) => document.getElementById(id);
const ROLES = { patient: 'Patient', therapist: 'Therapist', director: 'Director' };
const STATUS = { INVITED: 'Invitation pending', ACTIVE: 'Active', DEACTIVATED: 'Deactivated' };
const SIZE = 20;
let page = 0;
let me = null;

// The app's own invitation page, /invite#<code>, on the origin the director uses: the
// service's link points at its configured base URL and puts "code=" in the fragment, which
// the invitation page would take for part of the code. The fragment never reaches a server.
function invitationLink(code) {
  return `${window.location.origin}/invite#${encodeURIComponent(code)}`;
}

function showLink(who, link) {
  $('link-for').textContent = `For ${who}:`;
  $('link').value = link;
  $('link-box').hidden = false;
  $('link-box').focus();
}

$('copy-link').addEventListener('click', async () => {
  $('link').select();
  try {
    await navigator.clipboard.writeText($('link').value);
    announce('Link copied.');
  } catch {
    announce('Copy did not work here: the link is selected, copy it with your device.');
  }
});

function button(text, label, style, action, done) {
  const b = el('button', { type: 'button', class: style, text, 'aria-label': label });
  b.addEventListener('click', () => act(b, async () => {
    await action();
    await search();
  }, done));
  return b;
}

/** Asks once more, in the row, before something that ends a person's access. */
function confirming(text, label, question, action, done) {
  const ask = el('button', { type: 'button', class: 'danger', text, 'aria-label': label });
  ask.addEventListener('click', () => {
    const yes = button(`Yes, ${text.toLowerCase()}`, `Yes: ${label}`, 'danger', action, done);
    const no = el('button', { type: 'button', class: 'secondary', text: 'No', onclick: () => { box.replaceWith(ask); ask.focus(); } });
    const box = el('span', { class: 'actions', role: 'group', 'aria-label': label }, el('span', { text: question }), yes, no);
    ask.replaceWith(box);
    yes.focus();
  });
  return ask;
}

function actions(account) {
  // directors cannot deactivate themselves nor change their own role: another director does
  if (account.userId === me) return [el('span', { class: 'muted', text: 'Your own account' })];
  const name = account.displayName;
  const id = encodeURIComponent(account.userId);
  const list = [];
  if (account.status === 'INVITED') {
    list.push(button('New code', `Issue a new invitation code for ${name}`, 'secondary', async () => {
      const issued = await api(`/api/auth/invitations/${id}/reissue`, { method: 'POST' });
      showLink(name, invitationLink(issued.code));
    }, `A new code for ${name} is ready; the old one no longer works.`));
    list.push(confirming('Withdraw', `Withdraw the invitation of ${name}`, 'The link stops working.',
      () => api(`/api/auth/invitations/${id}`, { method: 'DELETE' }), `The invitation of ${name} is withdrawn.`));
  }
  if (account.status === 'ACTIVE') {
    list.push(confirming('Deactivate', `Deactivate ${name}`, 'They are signed out everywhere.',
      () => api(`/api/auth/users/${id}/deactivate`, { method: 'POST' }), `${name} is deactivated and signed out.`));
  }
  if (account.status === 'DEACTIVATED') {
    list.push(button('Reactivate', `Reactivate ${name}`, 'secondary',
      () => api(`/api/auth/users/${id}/reactivate`, { method: 'POST' }), `${name} can sign in again.`));
  }
  if (account.role === 'therapist' || account.role === 'director') {
    const other = account.role === 'therapist' ? 'director' : 'therapist';
    list.push(button(`Make ${other}`, `Make ${name} a ${other}`, 'secondary',
      () => api(`/api/auth/users/${id}/role`, { method: 'PUT', body: { role: other } }), `${name} is now a ${other}.`));
  }
  return list;
}

function render(result, container) {
  if (result.items.length === 0) {
    container.append(el('p', { class: 'muted', text: 'No account matches. Try part of the name, or another role.' }));
  } else {
    container.append(stacked(el('table', { id: 'accounts-table' },
      el('caption', { class: 'muted', text: `${result.total} account${result.total === 1 ? '' : 's'} found` }),
      el('thead', {}, el('tr', {}, ['Name', 'Role', 'Status', 'Username', 'Since', 'Actions'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, result.items.map((a) => el('tr', {},
        el('th', { scope: 'row', text: a.displayName }),
        el('td', { text: ROLES[a.role] ?? a.role }),
        el('td', { text: STATUS[a.status] ?? format.words(a.status) }),
        el('td', { text: a.username ?? '' }),
        el('td', { text: a.createdAt ? format.day(a.createdAt) : '' }),
        el('td', {}, el('div', { class: 'actions' }, actions(a)))))))));
  }
  const pages = $('pages');
  pages.replaceChildren();
  if (page > 0) pages.append(el('button', { type: 'button', class: 'secondary', text: 'Previous page', onclick: () => { page -= 1; search(); } }));
  if ((page + 1) * SIZE < result.total) pages.append(el('button', { type: 'button', class: 'secondary', text: 'Next page', onclick: () => { page += 1; search(); } }));
}

function search() {
  const params = new URLSearchParams({ page: String(page), size: String(SIZE) });
  if ($('role').value) params.set('role', $('role').value);
  if ($('q').value.trim()) params.set('q', $('q').value.trim());
  return load($('accounts'), () => api(`/api/auth/users?${params}`), render);
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  page = 0;
  search();
});

function value(id) {
  const text = $(id).value.trim();
  return text === '' ? null : text;
}

$('invite-form').addEventListener('submit', (event) => {
  event.preventDefault();
  act($('invite-form').querySelector('button'), async () => {
    const invited = await api('/api/auth/invitations', { method: 'POST', body: { firstName: value('firstName'), lastName: value('lastName'), email: value('email') } });
    const name = `${value('firstName')} ${value('lastName')}`;
    $('invite-form').reset();
    $('role').value = 'PATIENT';
    $('q').value = name;
    page = 0;
    await search();
    showLink(name, invitationLink(invited.code));
  }, 'The patient is invited. Give them the link below.');
});

// the staff form's inputs have their own ids; field errors name the API's fields
const STAFF_FIELDS = { firstName: 'staffFirstName', lastName: 'staffLastName', email: 'staffEmail', role: 'staffRole', supervisorId: 'supervisor' };

$('staff-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const submit = $('staff-form').querySelector('button[type="submit"]');
  act(submit, async () => {
    const body = { firstName: value('staffFirstName'), lastName: value('staffLastName'), email: value('staffEmail'), role: $('staffRole').value,
      licenceType: value('licenceType'), licenceNumber: value('licenceNumber'), supervisorId: $('supervisor').value || null };
    let added;
    try {
      added = await api('/api/auth/staff', { method: 'POST', body });
    } catch (error) {
      for (const field of error.fields ?? []) {
        const name = String(field.pointer ?? field.field ?? '').split('/').pop();
        if (STAFF_FIELDS[name]) field.pointer = `/${STAFF_FIELDS[name]}`;
      }
      throw error;
    }
    const name = `${body.firstName} ${body.lastName}`;
    $('staff-form').reset();
    $('role').value = body.role.toUpperCase();
    $('q').value = name;
    page = 0;
    await search();
    showLink(name, invitationLink(added.code));
  }, 'The account is made. Give them the link below to set their password.');
});

async function supervisors() {
  const found = await api('/api/auth/users?role=THERAPIST&size=100');
  const directors = await api('/api/auth/users?role=DIRECTOR&size=100');
  const people = [...found.items, ...directors.items].filter((u) => u.status === 'ACTIVE')
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  $('supervisor').replaceChildren(el('option', { value: '', text: 'None' }), ...people.map((p) => el('option', { value: p.userId, text: p.displayName })));
}

clearError();
supervisors().catch(showError);
api('/api/auth/me/profile')
  .then((profile) => {
    me = profile.id;
  })
  .catch(() => {})
  .finally(search);
