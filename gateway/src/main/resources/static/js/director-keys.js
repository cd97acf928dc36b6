import { api } from './api.js';
import { act, el, load } from './ui.js';

// The note encryption keys in use, and rotating them with a second, explicit step.
const $ = (id) => document.getElementById(id);

function render(status, container) {
  if (!status.keyIds || status.keyIds.length === 0) {
    container.append(el('p', { text: 'Note encryption is switched off in this installation: there is no key to rotate.' }));
    $('rotate').hidden = true;
    return;
  }
  container.append(el('dl', { class: 'facts', id: 'key-facts' },
    el('dt', { text: 'Key in use for new saves' }), el('dd', { text: `Key ${status.primaryKeyId}` }),
    el('dt', { text: 'Keys kept to read older notes' }), el('dd', { text: String(status.keyIds.length) }),
    el('dt', { text: 'Rotations so far' }), el('dd', { text: String(Math.max(0, status.version - 1)) })));
}

function show() {
  return load($('keys'), () => api('/api/notes/admin/keys'), render);
}

$('rotate').addEventListener('click', () => {
  $('rotate-confirm').hidden = false;
  $('rotate-yes').focus();
});
$('rotate-no').addEventListener('click', () => {
  $('rotate-confirm').hidden = true;
  $('rotate').focus();
});
$('rotate-yes').addEventListener('click', () => act($('rotate-yes'), async () => {
  await api('/api/notes/admin/keys/rotate', { method: 'POST' });
  $('rotate-confirm').hidden = true;
  await show();
  $('rotate').focus();
}, 'The key is rotated: new saves use the new key, and every note stays readable.'));

show();
