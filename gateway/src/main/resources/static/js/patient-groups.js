import { api } from './api.js';
import { act, el, format, load } from './ui.js';
import { describeRecurrence } from './schedule.js';

const SEATED = ['ACTIVE', 'ON_HOLD'];
let memberships = [];

async function refresh() {
  const [groups, mine] = await Promise.all([api('/api/sessions/groups'), api('/api/sessions/me/memberships')]);
  memberships = mine;
  renderMine(mine);
  return groups;
}

function current(membership) {
  return SEATED.includes(membership.status) || membership.status === 'WAITLISTED';
}

function renderMine(mine) {
  const box = document.getElementById('mine');
  const now = mine.filter(current);
  if (now.length === 0) {
    box.replaceChildren(el('p', { class: 'muted', text: 'You are not in a group yet.' }));
    return;
  }
  box.replaceChildren(el('ul', { class: 'cards' }, now.map((m) => {
    const leave = el('button', { type: 'button', class: 'secondary', text: m.status === 'WAITLISTED' ? 'Leave the waitlist' : 'Leave this group' });
    leave.addEventListener('click', () => {
      if (!window.confirm(`Leave ${m.groupName}? You can join again later if there is a seat.`)) return;
      act(leave, async () => {
        await api(`/api/sessions/groups/${encodeURIComponent(m.groupId)}/memberships/${encodeURIComponent(m.episodeId)}/status`,
          { method: 'POST', body: { status: 'LEFT', reason: 'Left from the patient portal' } });
        await reload();
      }, `You left ${m.groupName}.`);
    });
    return el('li', { class: 'card' }, el('h3', { text: m.groupName }),
      el('p', {}, m.status === 'WAITLISTED'
        ? el('span', { class: 'badge warn', text: `On the waitlist, number ${m.waitlistPosition}` })
        : el('span', { class: 'badge ok', text: format.words(m.status) })),
      el('div', { class: 'actions' }, leave));
  })));
}

function renderOpen(groups, box) {
  const taken = new Set(memberships.filter(current).map((m) => m.groupId));
  const open = groups.filter((g) => g.status === 'ACTIVE' && g.aftercare && g.selfEnrollment && !taken.has(g.id));
  if (open.length === 0) {
    box.append(el('p', { class: 'muted', text: 'No other aftercare group is open for joining right now. Your therapist can add you to a group.' }));
    return;
  }
  box.append(el('ul', { class: 'cards' }, open.map((g) => {
    const full = g.seatsTaken >= g.maxSize;
    const lead = (g.facilitators ?? []).find((f) => f.role === 'LEAD') ?? (g.facilitators ?? [])[0];
    const join = el('button', { type: 'button', text: full ? 'Join the waitlist' : 'Join this group' });
    join.addEventListener('click', () => act(join, async () => {
      const episode = await api(`/api/sessions/groups/${encodeURIComponent(g.id)}/memberships`, { method: 'POST', body: {} });
      await reload();
      return episode;
    }, full ? `You are on the waitlist of ${g.name}.` : `You joined ${g.name}.`));
    return el('li', { class: 'card' },
      el('h3', { text: g.name }),
      el('dl', { class: 'facts' },
        el('dt', { text: 'Kind' }), el('dd', { text: format.modality(g.modality) }),
        el('dt', { text: 'Meets' }), el('dd', { text: `${describeRecurrence(g)} (${g.timeZone})` }),
        el('dt', { text: 'Led by' }), el('dd', { text: lead?.displayName ?? 'A program therapist' }),
        el('dt', { text: 'Where' }), el('dd', { text: [g.location?.room ? `Room ${g.location.room}` : null, g.location?.telehealthUrl ? 'Online' : null].filter(Boolean).join(' or ') || 'To be announced' }),
        el('dt', { text: 'Seats' }), el('dd', { text: full ? `Full: ${g.waitlisted} waiting` : `${g.maxSize - g.seatsTaken} of ${g.maxSize} free` })),
      el('div', { class: 'actions' }, join));
  })));
}

async function reload() {
  await load(document.getElementById('open'), refresh, renderOpen);
}

reload();
