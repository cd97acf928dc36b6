import { api } from './api.js';
import { act, announce, el, format, showError } from './ui.js';

// The note editor. Its form is generated from the note's template (so a new template
// version needs no new page). Each part (the group part, each member's entry) saves on its
// own as the therapist types, sending only the fields that changed since the last save
// with the part's version: two co-facilitators writing different members never meet, and
// when they do meet on the same entry the page shows both versions instead of overwriting.
// Clinical text stays in the page: never in the URL, the title or the browser's storage.
const $ = (id) => document.getElementById(id);
const noteId = $('main').dataset.noteId;
const base = `/api/notes/${encodeURIComponent(noteId)}`;
const AUTOSAVE_MS = 1200;
const LABELS = {
  topic: 'Topic', goals: 'Goals', interventions: 'Interventions', groupDynamics: 'Group dynamics', plan: 'Plan',
  participation: 'Participation', participationNote: 'About the participation', response: 'Response to the interventions',
  progressTowardGoals: 'Progress toward goals', riskFlags: 'Risk flags', freeAssociationThemes: 'Free-association themes',
  resistance: 'Resistance', defenses: 'Defenses', dreams: 'Dreams', repeatingPatterns: 'Repeating patterns',
  pastPresentLinks: 'Links from past to present', transference: 'Transference', countertransference: 'Countertransference',
  silence: 'Silence', agendaItems: 'Agenda', thoughtRecords: 'Thought records', skillsPractised: 'Skills practised',
  automaticThought: 'Automatic thought', evidenceFor: 'Evidence for', evidenceAgainst: 'Evidence against',
  alternativeThought: 'Alternative thought', reratedIntensity: 'Intensity afterwards', followUp: 'Follow-up',
};
const SINGULAR = {
  riskFlags: 'risk flag', freeAssociationThemes: 'theme', resistance: 'resistance', defenses: 'defense',
  repeatingPatterns: 'pattern', pastPresentLinks: 'link', agendaItems: 'agenda item', thoughtRecords: 'thought record',
  skillsPractised: 'skill', observations: 'observation', themes: 'theme', homework: 'homework item',
};
let note;
let template;
const names = new Map();
const parts = new Map();
let uid = 0;

function label(key) {
  return LABELS[key] ?? key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

function nextId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

// ---- widgets: {element, read()} built from a field's spec

function widget(spec, value, name) {
  const id = nextId('f');
  switch (spec.type) {
    case 'text': {
      const input = (spec.max ?? 4000) <= 500
        ? el('input', { id, maxlength: spec.max ?? 500, autocomplete: 'off' })
        : el('textarea', { id, maxlength: spec.max ?? 4000, rows: '3' });
      input.value = value ?? '';
      return { element: el('div', { class: 'field' }, el('label', { for: id, text: name }), input), read: () => (input.value.trim() ? input.value : undefined), focusable: input };
    }
    case 'int': {
      const input = el('input', { id, type: 'number', inputmode: 'numeric', min: spec.min ?? null, max: spec.maxValue ?? null });
      input.value = value ?? '';
      return { element: el('div', { class: 'field' }, el('label', { for: id, text: name }), input), read: () => (input.value === '' ? undefined : Number.parseInt(input.value, 10)), focusable: input };
    }
    case 'enum': {
      const select = el('select', { id }, el('option', { value: '', text: '—' }), (spec.values ?? []).map((v) => el('option', { value: v, text: format.words(v), selected: v === value })));
      return { element: el('div', { class: 'field' }, el('label', { for: id, text: name }), select), read: () => select.value || undefined, focusable: select };
    }
    case 'enumSet': {
      const chosen = new Set(Array.isArray(value) ? value : []);
      const boxes = (spec.values ?? []).map((v) => {
        const boxId = nextId('c');
        const box = el('input', { type: 'checkbox', id: boxId, value: v, checked: chosen.has(v) });
        return { box, element: el('span', { class: 'chip' }, box, el('label', { class: 'inline-label', for: boxId, text: format.words(v) })) };
      });
      return { element: el('fieldset', {}, el('legend', { text: name }), el('div', { class: 'chips' }, boxes.map((b) => b.element))),
        read: () => { const picked = boxes.filter((b) => b.box.checked).map((b) => b.box.value); return picked.length ? picked : undefined; },
        focusable: boxes[0]?.box };
    }
    case 'tags': {
      const input = el('input', { id, autocomplete: 'off', 'aria-describedby': `${id}-hint` });
      input.value = Array.isArray(value) ? value.join(', ') : '';
      return { element: el('div', { class: 'field' }, el('label', { for: id, text: name }), input, el('p', { id: `${id}-hint`, class: 'hint', text: 'Separate tags with commas.' })),
        read: () => { const tags = input.value.split(',').map((t) => t.trim()).filter(Boolean); return tags.length ? tags : undefined; },
        focusable: input };
    }
    case 'object': {
      const fields = Object.entries(spec.fields ?? {}).map(([key, fieldSpec]) => [key, widget(fieldSpec, value?.[key], label(key))]);
      return { element: el('div', {}, fields.map(([, w]) => w.element)),
        read: () => { const out = {}; for (const [key, w] of fields) { const v = w.read(); if (v !== undefined) out[key] = v; } return Object.keys(out).length ? out : undefined; },
        focusable: fields[0]?.[1].focusable };
    }
    case 'list':
      return listWidget(spec, value, name);
    default:
      return { element: el('p', { class: 'muted', text: `${name}: this field cannot be edited here.` }), read: () => value, focusable: null };
  }
}

function listWidget(spec, value, name, key) {
  const items = [];
  const list = el('div', { class: 'list-items' });
  const singular = SINGULAR[key] ?? 'item';
  const add = el('button', { type: 'button', class: 'secondary', text: `Add ${singular}` });
  function append(itemValue, focus) {
    const w = widget(spec.items, itemValue, spec.items.type === 'object' ? '' : `${label(singular)} ${items.length + 1}`);
    const remove = el('button', { type: 'button', class: 'secondary', text: 'Remove' });
    const item = el('div', { class: 'list-item', role: 'group', 'aria-label': `${name}, ${singular} ${items.length + 1}` }, w.element, remove);
    const entry = { w, item };
    items.push(entry);
    remove.setAttribute('aria-label', `Remove this ${singular}`);
    remove.addEventListener('click', () => {
      items.splice(items.indexOf(entry), 1);
      item.remove();
      list.dispatchEvent(new Event('input', { bubbles: true }));
      add.focus();
    });
    list.append(item);
    if (focus) w.focusable?.focus();
  }
  (Array.isArray(value) ? value : []).forEach((v) => append(v, false));
  add.addEventListener('click', () => {
    if (spec.max && items.length >= spec.max) {
      announce(`At most ${spec.max} ${singular}s.`);
      return;
    }
    append(undefined, true);
  });
  return { element: el('fieldset', { class: 'list' }, el('legend', { text: name }), list, add),
    read: () => { const out = items.map((i) => i.w.read()).filter((v) => v !== undefined); return out.length ? out : undefined; },
    focusable: add };
}

function form(specs, content) {
  const widgets = Object.entries(specs).map(([key, spec]) => [key, spec.type === 'list' ? listWidget(spec, content?.[key], label(key), key) : widget(spec, content?.[key], label(key))]);
  return {
    elements: widgets.map(([, w]) => w.element),
    read: () => { const out = {}; for (const [key, w] of widgets) { const v = w.read(); if (v !== undefined) out[key] = v; } return out; },
    first: () => widgets.find(([, w]) => w.focusable)?.[1].focusable,
  };
}

/** A read-only rendering, for signed notes and for the two sides of a conflict. */
function summary(specs, content) {
  const rows = Object.entries(content ?? {}).filter(([, v]) => v !== null && v !== undefined);
  if (rows.length === 0) return el('p', { class: 'muted', text: 'Nothing written.' });
  const show = (v) => {
    if (Array.isArray(v)) return v.map(show).join(v.some((x) => x && typeof x === 'object') ? '\n' : ', ');
    if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${label(k)}: ${show(x)}`).join('; ');
    return typeof v === 'string' && /^[A-Z_]+$/.test(v) ? format.words(v) : String(v);
  };
  return el('dl', { class: 'facts read-only' }, rows.flatMap(([k, v]) => [el('dt', { text: label(k) }), el('dd', { text: show(v) })]));
}

// ---- parts and saving

/** What changed since the last save, as a JSON Merge Patch of the part. */
function patchOf(saved, now) {
  const patch = {};
  for (const key of new Set([...Object.keys(saved ?? {}), ...Object.keys(now)])) {
    if (JSON.stringify(saved?.[key]) !== JSON.stringify(now[key])) patch[key] = now[key] ?? null;
  }
  return Object.keys(patch).length ? patch : null;
}

function changes(part) {
  if (part.kind === 'group') {
    const group = patchOf(part.saved.group, part.forms.group.read());
    return group ? { group } : null;
  }
  const progress = patchOf(part.saved.progress, part.forms.progress.read());
  const process = patchOf(part.saved.process, part.forms.process.read());
  if (!progress && !process) return null;
  return { ...(progress ? { progress } : {}), ...(process ? { process } : {}) };
}

function setPartState(part, text, kind) {
  part.state.textContent = text;
  part.state.className = `part-state ${kind}`;
  updateSaveBar();
}

function updateSaveBar() {
  const all = [...parts.values()];
  const bar = $('save-state');
  if (all.some((p) => p.failed)) {
    bar.replaceChildren(el('span', { class: 'failed', text: 'Some changes are not saved: see the marked part.' }));
  } else if (all.some((p) => p.timer || p.inFlight)) {
    bar.replaceChildren(el('span', { class: 'saving', text: 'Saving…' }));
  } else if (all.some((p) => p.savedAt)) {
    bar.replaceChildren(el('span', { class: 'saved', text: `All changes saved (${format.time(new Date().toISOString())})` }));
  }
}

function schedule(part) {
  clearTimeout(part.timer);
  part.timer = setTimeout(() => save(part), AUTOSAVE_MS);
  setPartState(part, 'Changes not saved yet…', 'saving');
}

async function save(part) {
  clearTimeout(part.timer);
  part.timer = null;
  if (part.inFlight) {
    part.again = true;
    return;
  }
  const change = changes(part);
  if (!change) {
    if (!part.failed) setPartState(part, part.savedAt ? `Saved ${format.time(part.savedAt)}` : '', 'saved');
    return;
  }
  part.inFlight = true;
  setPartState(part, 'Saving…', 'saving');
  const path = part.kind === 'group' ? `${base}/group` : `${base}/members/${encodeURIComponent(part.key)}`;
  try {
    const saved = await api(path, { method: 'PUT', body: { version: part.version, ...change } });
    part.version = saved.partVersion;
    note.version = saved.version;
    // what the server now holds is what was saved before plus this patch
    for (const [side, patch] of Object.entries(change)) {
      const next = { ...(part.saved[side] ?? {}) };
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      part.saved[side] = next;
    }
    part.failed = false;
    part.savedAt = new Date().toISOString();
    part.conflict?.remove();
    setPartState(part, `Saved ${format.time(part.savedAt)}`, 'saved');
  } catch (error) {
    part.failed = true;
    if (error.status === 409 && error.problem.current) {
      showConflict(part, error.problem.current, change);
      setPartState(part, 'Not saved: someone else changed this at the same time. Choose below.', 'failed');
    } else if (error.fields.length) {
      setPartState(part, `Not saved: ${error.fields.map((f) => `${String(f.pointer ?? f.field ?? '').split('/').filter(Boolean).map(label).join(' › ')} ${f.message ?? f.detail ?? ''}`).join('; ')}`, 'failed');
    } else {
      setPartState(part, `Not saved: ${error.message}`, 'failed');
    }
  } finally {
    part.inFlight = false;
    if (part.again) {
      part.again = false;
      save(part);
    }
    updateSaveBar();
  }
}

function showConflict(part, current, yours) {
  part.conflict?.remove();
  const sides = part.kind === 'group' ? [['group', template.group, 'Group part']] : [['progress', template.progress, 'Progress entry'], ['process', template.process, 'Process note']];
  const who = current.updatedBy ? names.get(current.updatedBy) ?? 'A colleague' : 'A colleague';
  const theirs = el('div', {}, el('h3', { text: `${who}'s version (saved ${current.updatedAt ? format.time(current.updatedAt) : 'just now'})` }),
    sides.map(([side, specs, title]) => el('div', {}, el('h4', { text: title }), summary(specs, current[side]))));
  const mine = el('div', {}, el('h3', { text: 'Your changes' }),
    sides.filter(([side]) => yours[side]).map(([side, specs, title]) => el('div', {}, el('h4', { text: title }), summary(specs, yours[side]))));
  const keepMine = el('button', { type: 'button', text: 'Keep my changes on top of theirs' });
  const takeTheirs = el('button', { type: 'button', class: 'secondary', text: 'Use their version' });
  const box = el('div', { class: 'conflict', role: 'group', 'aria-label': 'Two versions of this entry', tabindex: '-1' },
    el('p', {}, el('strong', { text: 'This entry was changed by someone else while you were writing. Nothing was overwritten: ' }),
      'both versions are here. Keep your changes (the fields you changed replace theirs, the rest of theirs stays), or use theirs.'),
    theirs, mine, el('div', { class: 'actions' }, keepMine, takeTheirs));
  keepMine.addEventListener('click', () => {
    part.version = current.version;
    for (const [side] of sides) part.saved[side] = current[side] ?? undefined;
    box.remove();
    part.conflict = null;
    save(part);
  });
  takeTheirs.addEventListener('click', () => {
    part.version = current.version;
    for (const [side] of sides) part.saved[side] = current[side] ?? undefined;
    renderPartBody(part);
    box.remove();
    part.conflict = null;
    part.failed = false;
    setPartState(part, 'Showing their version.', 'saved');
  });
  part.conflict = box;
  part.element.insertBefore(box, part.body);
  box.focus();
}

function renderPartBody(part) {
  if (part.kind === 'group') {
    part.forms = { group: form(template.group, part.saved.group) };
    part.body.replaceChildren(...part.forms.group.elements);
    return;
  }
  part.forms = { progress: form(template.progress, part.saved.progress), process: form(template.process, part.saved.process) };
  part.body.replaceChildren(
    el('fieldset', { class: 'progress-entry' }, el('legend', {}, 'Progress entry ', el('span', { class: 'who-reads', text: '— in the patient\'s record; the patient can read it once the note is signed' })), ...part.forms.progress.elements),
    el('fieldset', { class: 'process-note' }, el('legend', {}, 'Process note ', el('span', { class: 'who-reads', text: '— for the group\'s clinicians and supervisor only; never shown to the patient' })), ...part.forms.process.elements));
}

function makePart(kind, key, title, extra, saved, version) {
  const headingId = nextId('h');
  const state = el('span', { class: 'part-state', 'aria-live': 'polite' });
  const body = el('div', {});
  const element = el('section', { class: `part ${kind}`, 'aria-labelledby': headingId, 'data-part': key },
    el('h2', { id: headingId, tabindex: '-1' }, title, extra ? ' ' : null, extra), state, body);
  const part = { kind, key, element, body, state, saved, version, timer: null, inFlight: false, failed: false, savedAt: null, conflict: null };
  renderPartBody(part);
  element.addEventListener('input', () => schedule(part));
  element.addEventListener('change', () => schedule(part));
  parts.set(key, part);
  return element;
}

// ---- the page

async function loadNames() {
  try {
    const members = await api(`/api/sessions/groups/${encodeURIComponent(note.groupId)}/memberships`);
    members.forEach((m) => names.set(m.patientId, m.patientName));
  } catch {
    // names are a courtesy; the editor works with "Member 1, 2…" too
  }
}

function attending() {
  return note.roster.filter((r) => ['PRESENT', 'LATE', 'LEFT_EARLY', 'NOT_RECORDED', 'UNKNOWN'].includes(r.attendance))
    .sort((a, b) => (names.get(a.patientId) ?? '').localeCompare(names.get(b.patientId) ?? ''));
}

function renderDraft() {
  const entries = new Map((note.members ?? []).map((m) => [m.patientId, m]));
  const editor = $('editor');
  editor.replaceChildren(makePart('group', 'group', 'Group part', null, { group: note.group ?? undefined }, note.groupVersion ?? 0));
  attending().forEach((r, i) => {
    const entry = entries.get(r.patientId);
    editor.append(makePart('member', r.patientId, names.get(r.patientId) ?? `Member ${i + 1}`,
      el('span', { class: 'badge', text: format.words(r.attendance) }),
      { progress: entry?.progress ?? undefined, process: entry?.process ?? undefined }, entry?.version ?? 0));
  });
  $('finish').hidden = false;
}

function renderSigned() {
  const entries = new Map((note.members ?? []).map((m) => [m.patientId, m]));
  const editor = $('editor');
  editor.replaceChildren(el('section', { class: 'part', 'aria-labelledby': 'signed-group' }, el('h2', { id: 'signed-group', text: 'Group part' }), summary(template.group, note.group)));
  attending().forEach((r, i) => {
    const entry = entries.get(r.patientId);
    const headingId = `signed-member-${i}`;
    editor.append(el('section', { class: 'part', 'aria-labelledby': headingId },
      el('h2', { id: headingId, text: names.get(r.patientId) ?? `Member ${i + 1}` }),
      el('h3', { text: 'Progress entry' }), summary(template.progress, entry?.progress),
      entry?.process !== undefined ? el('h3', { text: 'Process note' }) : null,
      entry?.process !== undefined ? summary(template.process, entry.process) : null));
  });
  if ((note.addenda ?? []).length) {
    editor.append(el('section', { class: 'part', 'aria-labelledby': 'addenda-h' }, el('h2', { id: 'addenda-h', text: 'Addenda' }),
      el('ul', { id: 'addenda-list' }, note.addenda.map((a) => el('li', {},
        el('strong', { text: `${format.dateTime(a.writtenAt)}, ${a.patientId ? `${names.get(a.patientId) ?? 'a member'} (${format.words(a.part)})` : 'group part'}: ` }), a.text)))));
  }
  $('finish').hidden = true;
  $('save-state').replaceChildren();
  $('shortcuts').hidden = true;
  $('signed').hidden = note.status === 'VOIDED';
  const coSign = $('co-sign-box');
  coSign.replaceChildren();
  if (note.status === 'SIGNED' && note.coSignRequired) {
    const button = el('button', { type: 'button', text: 'Co-sign as supervisor' });
    button.addEventListener('click', () => act(button, async () => {
      await api(`${base}/co-sign`, { method: 'POST' });
      await reload();
    }, 'Co-signed.'));
    coSign.append(el('p', { text: 'This note waits for the supervisor\'s co-signature.' }), button);
  }
  $('addendum-about').replaceChildren(el('option', { value: 'GROUP|', text: 'The group part' }),
    ...attending().flatMap((r) => [
      el('option', { value: `PROGRESS|${r.patientId}`, text: `${names.get(r.patientId) ?? 'A member'}: progress entry` }),
      el('option', { value: `PROCESS|${r.patientId}`, text: `${names.get(r.patientId) ?? 'A member'}: process note` })]));
}

function facts() {
  const status = { DRAFT: 'Draft: saved as you type', SIGNED: 'Signed', CO_SIGNED: 'Signed and co-signed', VOIDED: 'Void' }[note.status] ?? format.words(note.status);
  $('facts').replaceChildren(el('dl', { class: 'facts', id: 'note-facts' },
    el('dt', { text: 'Session' }), el('dd', { text: `${format.day(note.serviceDate)}, ${format.time(note.serviceDate)}` }),
    el('dt', { text: 'Template' }), el('dd', { text: `${label(template.id)}, version ${template.version}` }),
    el('dt', { text: 'Status' }), el('dd', { id: 'note-status', text: status })));
}

async function reload() {
  note = await api(base);
  facts();
  if (note.status === 'DRAFT') renderDraft();
  else renderSigned();
}

$('sign').addEventListener('click', async () => {
  await Promise.all([...parts.values()].map((p) => save(p)));
  const pending = [...parts.values()].filter((p) => p.failed || p.inFlight || changes(p));
  if (pending.length) {
    showError(new Error('Some changes are not saved yet. Resolve the marked parts, then sign.'));
    return;
  }
  $('sign-parts').replaceChildren(el('li', { text: 'The group part' }),
    ...attending().map((r) => el('li', { text: `${names.get(r.patientId) ?? 'A member'}: progress entry and process note` })));
  $('sign-confirm').hidden = false;
  $('sign-confirm').focus();
});
$('sign-no').addEventListener('click', () => {
  $('sign-confirm').hidden = true;
  $('sign').focus();
});
$('sign-yes').addEventListener('click', () => act($('sign-yes'), async () => {
  await api(`${base}/sign`, { method: 'POST', body: { version: note.version } });
  $('sign-confirm').hidden = true;
  parts.clear();
  await reload();
  $('note-title').focus();
}, 'The note is signed and locked.'));

$('addendum-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = $('addendum-form').querySelector('button');
  act(button, async () => {
    const [part, patientId] = $('addendum-about').value.split('|');
    await api(`${base}/addenda`, { method: 'POST', body: { text: $('addendum-text').value, part, patientId: patientId || null } });
    $('addendum-text').value = '';
    await reload();
  }, 'The addendum is added.');
});

$('void-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = $('void-form').querySelector('button');
  act(button, async () => {
    await api(`${base}/void`, { method: 'POST', body: { reason: $('void-reason').value.trim() } });
    await reload();
  }, 'The note is void.');
});

document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
    event.preventDefault();
    parts.forEach((p) => save(p));
    return;
  }
  if (event.altKey && ['n', 'p'].includes(event.key.toLowerCase())) {
    event.preventDefault();
    const sections = [...document.querySelectorAll('#editor section.part')];
    const here = sections.findIndex((s) => s.contains(document.activeElement));
    const next = sections[Math.min(sections.length - 1, Math.max(0, here + (event.key.toLowerCase() === 'n' ? 1 : -1)))];
    const part = parts.get(next?.dataset.part);
    (part?.forms.progress ?? part?.forms.group)?.first()?.focus();
  }
});

window.addEventListener('beforeunload', (event) => {
  if ([...parts.values()].some((p) => p.timer || p.inFlight || p.failed)) {
    parts.forEach((p) => save(p));
    event.preventDefault();
  }
});

async function start() {
  try {
    note = await api(base);
    const templates = await api('/api/notes/templates');
    template = templates.find((t) => t.id === note.template.id && t.version === note.template.version);
    if (!template) throw new Error('This note\'s template is not available. Reload the page in a minute.');
    await loadNames();
    facts();
    if (note.status === 'DRAFT') renderDraft();
    else renderSigned();
  } catch (error) {
    showError(error);
  }
}

start();
