import { api } from './api.js';
import { act, el, format, load, showError } from './ui.js';
import { programPicker } from './director-common.js';

const RULES = {
  CONSECUTIVE_MISSED: 'Missed sessions in a row',
  LOW_ATTENDANCE: 'Attendance below the program\'s minimum',
  NO_ATTENDANCE: 'No attendance for a while',
};
const OUTCOMES = [['REACHED', 'Reached the member'], ['RESCHEDULED', 'Rescheduled'], ['DISCHARGED', 'Discharged'], ['OTHER', 'Other']];
const select = document.getElementById('program');
const box = document.getElementById('alerts');

function resolveForm(alert) {
  const id = `resolve-${alert.id}`;
  const outcome = el('select', { id: `${id}-outcome`, name: 'outcome' }, OUTCOMES.map(([value, label]) => el('option', { value, text: label })));
  const note = el('input', { id: `${id}-note`, name: 'note', maxlength: '500', autocomplete: 'off' });
  const button = el('button', { type: 'submit', text: 'Resolve' });
  const form = el('form', { class: 'inline', 'aria-label': `Resolve the alert about ${alert.patientName ?? 'this member'}` },
    el('div', { class: 'field' }, el('label', { for: outcome.id, text: 'Outcome' }), outcome),
    el('div', { class: 'field' }, el('label', { for: note.id, text: 'Short note (no clinical detail)' }), note),
    button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    act(button, async () => {
      await api(`/api/sessions/alerts/${encodeURIComponent(alert.id)}/resolve`, { method: 'POST', body: { outcome: outcome.value, note: note.value.trim() || null } });
      await show();
    }, `The alert about ${alert.patientName ?? 'the member'} is resolved.`);
  });
  return form;
}

function render(alerts, container) {
  if (alerts.length === 0) {
    container.append(el('p', { class: 'muted', text: 'Nobody is flagged in this program right now.' }));
    return;
  }
  container.append(el('ul', { class: 'cards' }, alerts.map((alert) => el('li', { class: 'card' },
    el('h2', { text: alert.patientName ?? 'A member' }),
    el('dl', { class: 'facts' },
      el('dt', { text: 'Why' }), el('dd', { text: RULES[alert.rule] ?? format.words(alert.rule) }),
      el('dt', { text: 'Since' }), el('dd', { text: format.dateTime(alert.raisedAt) })),
    resolveForm(alert)))));
}

async function show() {
  if (!select.value) return;
  await load(box, () => api(`/api/sessions/alerts?programId=${encodeURIComponent(select.value)}&status=OPEN`), render);
}

select.addEventListener('change', show);
programPicker(select)
  .then((programs) => (programs.length ? show() : box.replaceChildren(el('p', { class: 'muted', text: 'You direct no program yet.' }))))
  .catch(showError);
