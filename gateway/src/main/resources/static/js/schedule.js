// Reading recurrence rules and sessions for people: "Tuesdays at 18:00".
const DAYS = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };

export function describeRecurrence(group) {
  const rule = Object.fromEntries(String(group.rrule ?? group.recurrence?.rrule ?? '')
    .replace(/^RRULE:/, '').split(';').filter(Boolean).map((part) => part.split('=')));
  const start = String(group.recurrence?.start ?? '');
  const at = start.length >= 16 ? start.slice(11, 16) : '';
  const days = (rule.BYDAY ?? '').split(',').map((d) => DAYS[d.replace(/^[-+]?\d*/, '')]).filter(Boolean);
  const interval = Number.parseInt(rule.INTERVAL ?? '1', 10);
  let when;
  if (rule.FREQ === 'WEEKLY') {
    const plural = days.length ? days.map((d) => `${d}s`).join(' and ') : 'Weekly';
    when = interval > 1 ? `Every ${interval} weeks on ${days.join(' and ') || 'the same day'}` : plural;
  } else if (rule.FREQ === 'DAILY') {
    when = interval > 1 ? `Every ${interval} days` : 'Every day';
  } else if (rule.FREQ === 'MONTHLY') {
    when = 'Monthly';
  } else {
    when = 'Scheduled';
  }
  return at ? `${when} at ${at}` : when;
}

/** Whether a member may check in now: from 15 minutes before to 10 minutes after the start. */
export function checkInOpen(session, now = Date.now()) {
  const start = Date.parse(session.startsAt);
  return ['SCHEDULED', 'IN_PROGRESS'].includes(session.status)
    && now >= start - 15 * 60_000 && now <= start + 10 * 60_000;
}

/** Monday 00:00 local of the week holding the date. */
export function weekStart(date) {
  const start = new Date(date);
  start.setHours(0, 0, 0, 0);
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  return start;
}
