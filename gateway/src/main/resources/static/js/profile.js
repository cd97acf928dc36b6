import { api } from './api.js';
import { clearError, announce, showError } from './ui.js';

const form = document.getElementById('profile');

async function start() {
  try {
    const profile = await api('/api/auth/me/profile');
    form.displayName.value = profile.displayName ?? '';
    const channel = profile.contactPreferences?.channel ?? 'email';
    form.querySelector(`input[name="channel"][value="${channel}"]`).checked = true;
    form.sessionReminders.checked = Boolean(profile.contactPreferences?.sessionReminders);
    form.hidden = false;
  } catch (error) {
    showError(error);
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearError();
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    await api('/api/auth/me/profile', {
      method: 'PUT',
      body: {
        displayName: form.displayName.value.trim(),
        contactPreferences: { channel: form.querySelector('input[name="channel"]:checked')?.value ?? 'email', sessionReminders: form.sessionReminders.checked },
      },
    });
    announce('Your profile is saved.');
  } catch (error) {
    showError(error);
  } finally {
    button.disabled = false;
  }
});

start();
