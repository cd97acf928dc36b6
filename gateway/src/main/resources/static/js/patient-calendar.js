import { api } from './api.js';
import { act, announce, el, format, load } from './ui.js';

const box = document.getElementById('feed');

function render(feed, container, url) {
  container.replaceChildren();
  if (url) {
    const field = el('input', { id: 'feed-url', readonly: true, value: url, 'aria-describedby': 'feed-url-hint' });
    const copy = el('button', { type: 'button', text: 'Copy link' });
    copy.addEventListener('click', async () => {
      field.select();
      try {
        await navigator.clipboard.writeText(url);
        announce('Link copied. Paste it into your calendar app as a subscription ("From URL" or "Subscribe").');
      } catch {
        announce('Copy did not work here: the link is selected, copy it with your device.');
      }
    });
    container.append(el('div', { class: 'field' }, el('label', { for: 'feed-url', text: 'Your calendar link' }),
      el('div', { class: 'copy' }, field, copy),
      el('p', { id: 'feed-url-hint', class: 'hint', text: 'This is the only time the link is shown. If you lose it, make a new one.' })));
  }
  if (feed.active) {
    container.append(el('p', { text: `You have an active link, made on ${format.dateTime(feed.createdAt)}.` }));
    const replace = el('button', { type: 'button', class: 'secondary', text: 'Make a new link (the old one stops working)' });
    const revoke = el('button', { type: 'button', class: 'danger', text: 'Turn the link off' });
    replace.addEventListener('click', () => act(replace, create, 'A new link was made; the old one no longer works.'));
    revoke.addEventListener('click', () => act(revoke, async () => {
      await api('/api/sessions/me/calendar-feed', { method: 'DELETE' });
      render({ active: false }, box);
    }, 'Your calendar link is turned off. Calendars subscribed to it stop updating.'));
    container.append(el('div', { class: 'actions' }, replace, revoke));
  } else {
    container.append(el('p', { text: 'You have no calendar link.' }));
    const make = el('button', { type: 'button', text: 'Make my calendar link' });
    make.addEventListener('click', () => act(make, create, 'Your calendar link is ready.'));
    container.append(make);
  }
}

async function create() {
  const created = await api('/api/sessions/me/calendar-feed', { method: 'POST' });
  render({ active: true, createdAt: created.createdAt }, box, created.url);
  document.getElementById('feed-url')?.focus();
}

load(box, () => api('/api/sessions/me/calendar-feed'), (feed, container) => render(feed, container));
