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

/**
 * The service answers no keys but an error when it runs without encryption (only a
 * benchmark's comparison run does): then, as in an outage, nothing can be rotated.
 */
async function status() {
  try {
    return await api('/api/notes/admin/keys');
  } catch (error) {
    if (error.status < 500) throw error;
    $('rotate').hidden = true;
    throw new Error('The notes service reported no encryption keys. When note encryption is switched off, which only a '
      + 'benchmark run does, there is no key to rotate; otherwise the service is not available right now: try again in a minute.');
  }
}

function show() {
  $('rotate').hidden = false;
  return load($('keys'), status, render);
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
