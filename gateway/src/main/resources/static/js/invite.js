// The invitation link is /invite#<code>: the code stays in the fragment, which the
// browser never sends, so it appears in no server or proxy log.
import { api } from './api.js';
import { clearError, showError } from './ui.js';

// the service's own link says #code=<code>; the app's pages hand out #<code>: both work
const code = decodeURIComponent(window.location.hash.slice(1)).trim().replace(/^code=/, '');
const form = document.getElementById('accept');

if (!code) {
  document.getElementById('no-code').hidden = false;
} else {
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    const password = form.password.value;
    if (password !== form.repeat.value) {
      showError(new Error('The two passwords are not the same. Type the new password twice.'));
      form.repeat.focus();
      return;
    }
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const accepted = await api('/api/auth/public/invitations/accept', { method: 'POST', body: { code, password } });
      form.hidden = true;
      const done = document.getElementById('done');
      done.querySelector('p').textContent =
        `Your account is ready. Sign in with your username, ${accepted.username}, and the password you just chose.`;
      done.hidden = false;
      // the code is spent: drop it from the address bar and the history
      history.replaceState(null, '', '/invite');
      done.querySelector('a').focus();
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  });
}
