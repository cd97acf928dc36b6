import { api } from './api.js';
import { el, format, load, showError } from './ui.js';
import { programPicker, table } from './director-common.js';

// Documentation status from the notes service, joined to the groups of the scheduling
// service for names: overdue notes under the lead facilitator who owes them.
const $ = (id) => document.getElementById(id);
const DAY = 86_400_000;

function hours(value) {
  return value === null || value === undefined ? '—' : `${Math.round(value)} h`;
}

function lead(group) {
  const found = group?.facilitators.find((f) => f.role === 'LEAD') ?? group?.facilitators[0];
  return found?.displayName ?? 'Facilitator not known';
}

function render([report, groups], container) {
  const byId = new Map(groups.map((g) => [g.id, g]));
  container.append(el('dl', { class: 'facts', id: 'documentation-facts' },
    el('dt', { text: 'Sessions with a note' }), el('dd', { text: String(report.sessions) }),
    el('dt', { text: 'Signed' }), el('dd', { text: String(report.signed) }),
    el('dt', { text: 'Not signed yet' }), el('dd', { text: String(report.unsigned) }),
    el('dt', { text: 'Overdue (over 72 h)' }), el('dd', { text: String(report.overdue) }),
    el('dt', { text: 'Signed late' }), el('dd', { text: String(report.signedLate) })));
  container.append(el('p', { class: 'hint', text: `As of ${format.dateTime(report.asOf)}.` }));

  const overdue = report.notes.filter((n) => n.overdue);
  const owed = new Map();
  for (const note of overdue) {
    const who = lead(byId.get(note.groupId));
    owed.set(who, [...(owed.get(who) ?? []), note]);
  }
  const box = $('overdue');
  box.replaceChildren();
  if (owed.size === 0) {
    box.append(el('p', { class: 'muted', text: 'No note is overdue in this period.' }));
  }
  [...owed.entries()].sort((a, b) => b[1].length - a[1].length).forEach(([who, notes], i) => {
    const heading = `overdue-${i}`;
    box.append(el('h3', { id: heading, text: `${who}: ${notes.length} overdue` }),
      el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': heading },
        table(`Notes ${who} has not signed`, ['Group', 'Session ended', 'Open for'],
          notes.map((n) => [byId.get(n.groupId)?.name ?? 'A group', format.dateTime(n.sessionEndsAt), hours(n.hoursOpen)]))));
  });

  const late = report.notes.filter((n) => n.signedLate);
  $('late').replaceChildren(late.length === 0
    ? el('p', { class: 'muted', text: 'No note was signed late in this period.' })
    : table('Signed after 72 hours', ['Group', 'Lead', 'Session ended', 'Signed after'],
      late.map((n) => [byId.get(n.groupId)?.name ?? 'A group', lead(byId.get(n.groupId)), format.dateTime(n.sessionEndsAt), hours(n.hoursToSign)])));
}

function show() {
  const from = new Date(`${$('from').value}T00:00:00Z`).toISOString();
  const to = new Date(Date.parse(`${$('to').value}T00:00:00Z`) + DAY).toISOString();
  const params = new URLSearchParams({ programId: $('program').value, from, to });
  return load($('totals'), async () => {
    try {
      return await Promise.all([api(`/api/notes/documentation-status?${params}`), api('/api/sessions/groups')]);
    } catch (error) {
      // the scheduling service lists this program as the director's; the notes service
      // learns of a program with its first group, so until then it has nothing to report
      if (error.status !== 403) throw error;
      return [{ asOf: new Date().toISOString(), sessions: 0, signed: 0, unsigned: 0, overdue: 0, signedLate: 0, notes: [] }, []];
    }
  }, render);
}

$('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  if (!$('from').value || !$('to').value) {
    showError(new Error('Choose both dates, then show again.'));
    return;
  }
  show();
});
$('program').addEventListener('change', show);

const today = new Date();
$('to').value = today.toISOString().slice(0, 10);
$('from').value = new Date(today.getTime() - 30 * DAY).toISOString().slice(0, 10);
programPicker($('program'))
  .then((programs) => (programs.length ? show() : $('totals').replaceChildren(el('p', { class: 'muted', text: 'You direct no program yet.' }))))
  .catch(showError);
