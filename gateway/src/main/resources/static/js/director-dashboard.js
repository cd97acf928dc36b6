import { api } from './api.js';
import { el, load } from './ui.js';

function render(programs, box) {
  if (programs.length === 0) {
    box.append(el('p', { class: 'muted', text: 'You direct no program yet.' }));
    return;
  }
  box.append(el('ul', { class: 'cards' }, programs.map((p) => el('li', { class: 'card' },
    el('h2', { text: p.name }), el('p', { class: 'muted', text: p.timeZone })))));
}

load(document.getElementById('programs'), () => api('/api/sessions/programs'), render);
