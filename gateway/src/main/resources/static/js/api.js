// Every page talks to the services through the gateway with the session cookie; the
// gateway adds the access token. Changes carry the page's CSRF token. Every failure
// becomes an ApiError whose message is a plain sentence saying what to do next.

const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

export class ApiError extends Error {
  constructor(status, message, problem = {}) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  /** Field errors of a 400, as {pointer, message}. */
  get fields() {
    const errors = this.problem.errors ?? this.problem.fieldErrors ?? [];
    return Array.isArray(errors) ? errors : [];
  }
}

export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const headers = { Accept: `${accept}, application/problem+json` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken && csrfHeader) headers[csrfHeader] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      redirect: 'manual',
    });
  } catch {
    throw new ApiError(0, 'The app could not reach the server. Check your connection, then try again.');
  }
  if (response.type === 'opaqueredirect') {
    throw new ApiError(401, sentence(401, {}, response.headers));
  }
  if (response.ok) {
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') ?? '';
    return type.includes('json') ? response.json() : response.text();
  }
  const problem = await response.json().catch(() => ({}));
  throw new ApiError(response.status, sentence(response.status, problem, response.headers), problem);
}

function sentence(status, problem, headers) {
  const detail = typeof problem.detail === 'string' ? problem.detail.trim() : '';
  switch (true) {
    case status === 401:
      return 'Your session has ended. Reload the page to sign in again; nothing you saved is lost.';
    case status === 403:
      return `${detail || 'Your account is not allowed to do this.'} If you think it should be, ask your program director.`;
    case status === 404:
      return `${detail || 'This item no longer exists.'} Reload the page to see what is there now.`;
    case status === 409:
      return `${detail || 'Someone changed this at the same time.'} Reload to see the latest version, then try again.`;
    case status === 429: {
      const wait = Number.parseInt(headers.get('Retry-After') ?? '', 10);
      return `Too many requests in a short time. Wait ${Number.isFinite(wait) ? wait : 30} seconds, then try again.`;
    }
    case status >= 500:
      return 'This part of the service is not available right now, and nothing was changed. Try again in a minute.';
    default:
      return detail || 'The request was not accepted. Check what you entered, then try again.';
  }
}
