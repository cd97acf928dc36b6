import { api } from './api.js';
import { el, format, load, showError, clearError } from './ui.js';
import { percent, programPicker, table } from './director-common.js';
import { subscribe } from './live.js';

const form = document.getElementById('filters');
const charts = {};
const DAY = 86_400_000;

function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

form.from.value = isoDate(new Date(Date.now() - 84 * DAY));
form.to.value = isoDate(new Date(Date.now() + 7 * DAY));

function query() {
  return new URLSearchParams({ from: form.from.value, to: form.to.value, groupBy: form.groupBy.value }).toString();
}

function chart(id, config) {
  charts[id]?.destroy();
  if (!window.Chart) return;
  charts[id] = new window.Chart(document.getElementById(id), {
    ...config,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } },
      ...config.options,
    },
  });
}

function asPercent(value) {
  return value === null || value === undefined ? null : Math.round(value * 1000) / 10;
}

function renderTotals(view) {
  const t = view.totals;
  const m = t.members ?? {};
  const facts = [
    ['Attendance rate', percent(t.attendanceRate)], ['No-show rate', percent(t.noShowRate)],
    ['Utilisation (attended ÷ seats)', percent(t.utilisation)], ['Sessions held', t.sessionsHeld],
    ['Sessions cancelled', t.sessionsCancelled], ['Attended', t.attended], ['No-shows', t.noShow],
    ['Active members', m.activeMembers ?? '—'], ['New members', m.newMembers ?? '—'],
    ['Still active after 4 / 8 / 12 weeks', `${percent(m.retention4Weeks)} / ${percent(m.retention8Weeks)} / ${percent(m.retention12Weeks)}`],
    ['On waitlists', m.waitlistLength ?? '—'], ['Notes overdue', t.notesOverdue],
  ];
  document.getElementById('totals').replaceChildren(el('dl', { class: 'facts', id: 'totals-facts' },
    facts.flatMap(([label, value]) => [el('dt', { text: label }), el('dd', { text: String(value) })])));
}

function renderPeriods(view) {
  const periods = view.periods ?? [];
  chart('over-time-chart', {
    type: 'line',
    data: { labels: periods.map((p) => p.period), datasets: [{ label: 'Attendance rate', data: periods.map((p) => asPercent(p.figures.attendanceRate)), borderColor: '#0b5cad', spanGaps: true }] },
  });
  document.getElementById('over-time-table').replaceChildren(table('Per period', ['Period', 'Sessions held', 'Attended', 'No-shows', 'Attendance rate'],
    periods.map((p) => [p.period, String(p.figures.sessionsHeld), String(p.figures.attended), String(p.figures.noShow), percent(p.figures.attendanceRate)])));
}

function renderGroups(view) {
  const groups = view.groups ?? [];
  chart('groups-chart', {
    type: 'bar',
    data: {
      labels: groups.map((g) => g.name),
      datasets: [
        { label: 'Attendance rate', data: groups.map((g) => asPercent(g.figures.attendanceRate)), backgroundColor: '#0b5cad' },
        { label: 'Utilisation', data: groups.map((g) => asPercent(g.figures.utilisation)), backgroundColor: '#7a4d00' },
      ],
    },
  });
  document.getElementById('groups-table').replaceChildren(table('Per group', ['Group', 'Kind', 'Sessions held', 'Attended', 'Attendance rate', 'Utilisation', 'Notes overdue'],
    groups.map((g) => [el('a', { href: `/director/dashboard/groups/${encodeURIComponent(g.groupId)}?from=${form.from.value}&to=${form.to.value}`, text: g.name }), format.modality(g.modality), String(g.figures.sessionsHeld), String(g.figures.attended), percent(g.figures.attendanceRate), percent(g.figures.utilisation), String(g.figures.notesOverdue)])));
}

async function renderModalities(programId, view) {
  const modalities = [...new Set((view.groups ?? []).map((g) => g.modality))];
  const rows = await Promise.all(modalities.map(async (modality) => {
    const figures = (await api(`/api/sessions/dashboards/programs/${encodeURIComponent(programId)}?${query()}&modality=${encodeURIComponent(modality)}`)).totals;
    return [format.modality(modality), String(figures.sessionsHeld), percent(figures.attendanceRate), percent(figures.utilisation)];
  }));
  document.getElementById('modality-table').replaceChildren(rows.length
    ? table('Per modality', ['Modality', 'Sessions held', 'Attendance rate', 'Utilisation'], rows)
    : el('p', { class: 'muted', text: 'No groups in this program yet.' }));
}

const LIVE = { live: ['Live', 'badge ok'], connecting: ['Connecting…', 'badge warn'], refused: ['Live updates are not available', 'badge danger'] };
let unsubscribe;
let watched;
let refresh;

/** Figures of the shown program follow attendance as it is recorded. */
function watch(programId) {
  if (watched === programId) return;
  unsubscribe?.();
  watched = programId;
  const badge = document.getElementById('live');
  unsubscribe = subscribe(`/topic/programs/${programId}`, () => {
    // several changes at once (a whole roster) make one refresh
    clearTimeout(refresh);
    refresh = setTimeout(async () => {
      await show({ quiet: true });
      document.getElementById('status').textContent = `Updated at ${format.time(new Date().toISOString())} with the latest attendance.`;
    }, 500);
  }, (state) => {
    const [text, className] = LIVE[state];
    badge.textContent = text;
    badge.className = className;
  });
}

/** Shows the figures; a quiet refresh keeps the old ones on screen until the new arrive. */
async function show({ quiet = false } = {}) {
  clearError();
  const programId = form.program.value;
  if (!programId) return;
  watch(programId);
  const url = `/api/sessions/dashboards/programs/${encodeURIComponent(programId)}`;
  document.getElementById('export').href = `${url}/export.csv?${query()}`;
  const render = async (view) => {
    renderTotals(view);
    renderPeriods(view);
    renderGroups(view);
    await renderModalities(programId, view);
  };
  if (quiet) {
    try {
      await render(await api(`${url}?${query()}`));
    } catch (error) {
      showError(error);
    }
    return;
  }
  await load(document.getElementById('totals'), () => api(`${url}?${query()}`), render);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  show();
});
form.program.addEventListener('change', show);

programPicker(form.program)
  .then((programs) => {
    if (programs.length === 0) {
      document.getElementById('totals').replaceChildren(el('p', { class: 'muted', text: 'You direct no program yet.' }));
      return;
    }
    show();
  })
  .catch(showError);
