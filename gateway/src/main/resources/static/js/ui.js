// Small helpers shared by the pages: building elements without innerHTML (no markup from
// data ever), announcing results, showing errors next to their fields, and dates.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A polite announcement for screen readers, shown in the status line too. */
export function announce(message) {
  const status = document.getElementById('status');
  if (status) status.textContent = message;
}

/**
 * Shows an error sentence in the page's alert region and moves focus there. Field errors
 * are named by the label of their input when the page has one (matched by the last part of
 * the field's JSON pointer), and the input is marked invalid.
 */
export function showError(error) {
  const alert = document.getElementById('alert');
  if (!alert) return;
  document.querySelectorAll('[aria-invalid="true"]').forEach((input) => input.removeAttribute('aria-invalid'));
  alert.replaceChildren(el('p', { text: error.message }));
  const fields = error.fields ?? [];
  if (fields.length > 0) {
    alert.append(el('ul', {}, fields.map((field) => el('li', { text: `${fieldName(field)}: ${field.message ?? field.detail ?? ''}` }))));
  }
  alert.hidden = false;
  alert.setAttribute('tabindex', '-1');
  alert.focus();
}

function fieldName(field) {
  const path = String(field.pointer ?? field.field ?? '').replace(/^\//, '').split(/[/.]/).filter(Boolean);
  const input = path.length ? document.getElementById(path[path.length - 1]) : null;
  const label = input ? document.querySelector(`label[for="${CSS.escape(input.id)}"]`) : null;
  if (input) input.setAttribute('aria-invalid', 'true');
  return label ? label.textContent.trim() : path.join(' › ') || 'This form';
}

export function clearError() {
  const alert = document.getElementById('alert');
  if (alert) {
    alert.hidden = true;
    alert.replaceChildren();
  }
}

/** Runs an action from a button, disabling it meanwhile and reporting any error. */
export async function act(button, action, done) {
  clearError();
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    const result = await action();
    if (done) announce(done);
    return result;
  } catch (error) {
    showError(error);
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

const MODALITIES = {
  PSYCHODYNAMIC: 'Psychodynamic', CBT: 'CBT', TWELVE_STEP: 'Twelve-step', PSYCHOEDUCATION: 'Psychoeducation', DBT: 'DBT',
};

const dateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export const format = {
  dateTime: (iso) => dateTime.format(new Date(iso)),
  day: (iso) => day.format(new Date(iso)),
  time: (iso) => time.format(new Date(iso)),
  zoned: (iso, zone) => new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(new Date(iso)),
  words: (value) => String(value ?? '').toLowerCase().replaceAll('_', ' '),
  modality: (value) => MODALITIES[value] ?? String(value ?? '').toLowerCase().replaceAll('_', ' '),
};

/** Loads data into a container, with a loading line and an error sentence instead of a blank. */
export async function load(container, loader, render) {
  container.setAttribute('aria-busy', 'true');
  container.replaceChildren(el('p', { class: 'muted', text: 'Loading…' }));
  try {
    const data = await loader();
    container.replaceChildren();
    await render(data, container);
  } catch (error) {
    container.replaceChildren(el('p', { class: 'error', text: error.message }));
  } finally {
    container.removeAttribute('aria-busy');
  }
}

/**
 * Lets a table collapse into one card per row on a phone: each cell carries its column's
 * name, which the stylesheet shows in front of the value below 40rem.
 */
export function stacked(table) {
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
  table.querySelectorAll('tbody tr').forEach((row) => [...row.children].forEach((cell, i) => cell.setAttribute('data-label', headers[i] ?? '')));
  table.classList.add('stack');
  return table;
}
