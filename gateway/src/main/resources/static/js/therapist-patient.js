import { api } from './api.js';
import { el, format, load, showError } from './ui.js';
import { table } from './director-common.js';

// A member's patterns across sessions, from the notes service's patterns view (signed
// notes only): a chart of what comes back most, and the months it came up in.
const $ = (id) => document.getElementById(id);
const patientId = $('main').dataset.patientId;
const KINDS = { themes: 'Theme', resistance: 'Resistance', defenses: 'Defense', patternDomains: 'Repeating pattern', distortions: 'Distortion' };

function totals(view) {
  const counts = new Map();
  for (const month of view.months) {
    for (const [kind, items] of Object.entries(month.kinds)) {
      for (const item of items) {
        const key = `${kind}|${item.value}`;
        const entry = counts.get(key) ?? { kind, value: item.value, sessions: new Set(), months: [] };
        item.sessions.forEach((s) => entry.sessions.add(s));
        entry.months.push(month.month);
        counts.set(key, entry);
      }
    }
  }
  return [...counts.values()].sort((a, b) => b.sessions.size - a.sessions.size);
}

function name(entry) {
  return `${KINDS[entry.kind] ?? format.words(entry.kind)}: ${format.words(entry.value)}`;
}

function render(view) {
  $('summary').replaceChildren(el('p', { text: `${view.notes} signed note${view.notes === 1 ? '' : 's'} mention this member.` }));
  const all = totals(view);
  if (all.length === 0) {
    $('patterns-table').replaceChildren(el('p', { class: 'muted', text: 'Nothing recorded yet: patterns appear once notes are signed.' }));
    $('months').replaceChildren();
    return;
  }
  const top = all.slice(0, 12);
  if (window.Chart) {
    // eslint-disable-next-line no-new
    new window.Chart($('patterns-chart'), {
      type: 'bar',
      data: { labels: top.map(name), datasets: [{ label: 'Sessions', data: top.map((e) => e.sessions.size), backgroundColor: '#0b5cad' }] },
      options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }
  $('patterns-table').replaceChildren(table('Across all signed notes', ['Theme or pattern', 'Sessions', 'Months'],
    all.map((e) => [name(e), String(e.sessions.size), [...new Set(e.months)].join(', ')])));
  $('months').replaceChildren(el('ol', { class: 'plain', id: 'month-list' }, [...view.months].reverse().map((month) => el('li', {},
    el('strong', { text: month.month }),
    el('span', { text: Object.entries(month.kinds).flatMap(([kind, items]) => items.map((i) => `${name({ kind, value: i.value })} (${i.count})`)).join(' · ') || 'Nothing recorded' })))));
}

async function start() {
  try {
    const person = await api(`/api/auth/users/${encodeURIComponent(patientId)}`).catch(() => null);
    if (person) $('patient-name').textContent = `${person.displayName}: timeline`;
    await load($('summary'), () => api(`/api/notes/patients/${encodeURIComponent(patientId)}/patterns`), (view) => render(view));
  } catch (error) {
    showError(error);
  }
}

start();
