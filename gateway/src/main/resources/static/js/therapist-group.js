import { api } from './api.js';
import { act, announce, el, format, load, showError } from './ui.js';
import { describeRecurrence } from './schedule.js';

// A group for its facilitator: who is in it, who waits, and adding someone, including a
// person new to the program, who is invited and given a seat in one step.
const $ = (id) => document.getElementById(id);
const groupId = $('main').dataset.groupId;
const base = `/api/sessions/groups/${encodeURIComponent(groupId)}`;
let group;

function people(list, empty, withPosition) {
  if (list.length === 0) return el('p', { class: 'muted', text: empty });
  return el('ul', { class: 'plain' }, list.map((m) => el('li', {},
    withPosition ? el('span', { text: `${m.waitlistPosition}.` }) : null,
    el('a', { href: `/therapist/patients/${encodeURIComponent(m.patientId)}`, text: m.patientName ?? 'A patient' }),
    m.status === 'ON_HOLD' ? el('span', { class: 'badge warn', text: 'on hold' }) : null)));
}

async function refresh() {
  group = await api(base);
  $('group-name').textContent = group.name;
  $('details').replaceChildren(el('dl', { class: 'facts' },
    el('dt', { text: 'Meets' }), el('dd', { text: `${describeRecurrence(group)} (${group.timeZone})` }),
    el('dt', { text: 'Seats' }), el('dd', { text: `${group.seatsTaken} of ${group.maxSize} taken` }),
    el('dt', { text: 'Kind' }), el('dd', { text: format.modality(group.modality) })));
  const members = await api(`${base}/memberships`);
  $('roster').replaceChildren(people(members.filter((m) => m.status === 'ACTIVE' || m.status === 'ON_HOLD'), 'Nobody yet.'));
  $('waitlist').replaceChildren(people(members.filter((m) => m.status === 'WAITLISTED').sort((a, b) => a.waitlistPosition - b.waitlistPosition), 'Nobody is waiting.', true));
  $('add-section').hidden = group.status !== 'ACTIVE';
}

async function enrol(patientId, name) {
  const added = await api(`${base}/memberships`, { method: 'POST', body: { patientId } });
  await refresh();
  return added.status === 'WAITLISTED'
    ? `${name} is on the waitlist, position ${added.waitlistPosition}: the group is full.`
    : `${name} is now a member.`;
}

$('find-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = $('patientQuery').value.trim();
  load($('candidates'), () => api(`/api/auth/users?role=PATIENT&size=20${q ? `&q=${encodeURIComponent(q)}` : ''}`), (page, box) => {
    if (page.items.length === 0) {
      box.append(el('p', { class: 'muted', text: 'Nobody by that name. Check the spelling, or invite them below.' }));
      return;
    }
    box.append(el('ul', { class: 'plain' }, page.items.map((p) => {
      const add = el('button', { type: 'button', text: 'Add to the group', 'aria-label': `Add ${p.displayName} to the group`, disabled: p.status === 'DEACTIVATED' });
      add.addEventListener('click', () => act(add, async () => {
        announce(await enrol(p.userId, p.displayName));
        $('candidates').replaceChildren();
      }));
      return el('li', {}, el('span', { text: p.displayName }), add);
    })));
  });
});

$('invite-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = $('invite-form').querySelector('button');
  act(button, async () => {
    const firstName = $('firstName').value.trim();
    const lastName = $('lastName').value.trim();
    const invited = await api('/api/auth/invitations', { method: 'POST', body: { firstName, lastName, email: $('email').value.trim() || null } });
    const name = `${firstName} ${lastName}`;
    $('link-for').textContent = `Invitation for ${name}:`;
    $('link').value = `${window.location.origin}/invite#${encodeURIComponent(invited.code)}`;
    $('link-box').hidden = false;
    $('invite-form').reset();
    let said;
    // the new account reaches the scheduling service a moment after it is made
    for (let attempt = 1; !said; attempt += 1) {
      try {
        said = await enrol(invited.userId, name);
      } catch (error) {
        if (error.status !== 400 || attempt >= 8) throw error;
        await new Promise((resolve) => { setTimeout(resolve, 1000); });
      }
    }
    announce(`${name} is invited. ${said}`);
    $('link-box').focus();
  });
});

$('copy-link').addEventListener('click', async () => {
  $('link').select();
  try {
    await navigator.clipboard.writeText($('link').value);
    announce('Link copied.');
  } catch {
    announce('Copy did not work here: the link is selected, copy it with your device.');
  }
});

refresh().catch(showError);
