// The pages' only way to the server: fetch on /api/v1 with the session
// cookie (HttpOnly, set by POST /api/v1/session) and, on every change, the
// X-CSRF-Token header equal to the ipg_csrf cookie (double-submit; web.h).

/** The CSRF token the server set at sign-in ('' when signed out). */
export function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)ipg_csrf=([^;]*)/);
  return m ? m[1] : '';
}

/** An API error: the server's message, code and the field at fault. */
export class ApiError extends Error {
  constructor(status, error) {
    super((error && error.message) || `HTTP ${status}`);
    this.status = status;
    this.code = error && error.code;
    this.field = error && error.field;
  }
}

/**
 * Calls METHOD /api/v1PATH with a JSON body (or raw bytes when opts.bytes is
 * given with opts.type) and returns the parsed JSON reply; throws ApiError on
 * a 4xx/5xx reply.
 */
export async function api(method, path, body, opts = {}) {
  const headers = { ...(opts.headers || {}) };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken();
  let payload;
  if (opts.bytes !== undefined) {
    payload = opts.bytes;
    headers['Content-Type'] = opts.type;
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch('/api/v1' + path, {
    method, headers, body: payload, credentials: 'same-origin',
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) throw new ApiError(res.status, data && data.error);
  return data;
}

const TYPES = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp',
  pdf: 'application/pdf', txt: 'text/plain',
};

/** The upload type of a File: its browser type, else one from its extension. */
export function fileType(file) {
  if (file.type && Object.values(TYPES).includes(file.type)) return file.type;
  const ext = (file.name.split('.').pop() || '').toLowerCase();
  return TYPES[ext] || file.type || 'application/octet-stream';
}

/** Uploads each File; resolves to their sha256 list. */
export async function uploadFiles(files) {
  const out = [];
  for (const file of files) {
    const bytes = await file.arrayBuffer();
    const r = await api('POST', '/files', undefined, { bytes, type: fileType(file) });
    out.push(r.sha256);
  }
  return out;
}
