/*
 * What every console page shares: the admin API with the session's CSRF token (every change must
 * carry it), a tiny element helper, and logging out.
 */
const csrf = document.querySelector('meta[name="csrf-token"]').content;

export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/* h('p', {class: 'x'}, 'text', child): an element; strings become text nodes, never HTML. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children.flat().filter((c) => c != null && c !== false).map((c) => (typeof c === 'number' ? String(c) : c)));
  return el;
}

document.querySelector('[data-action="logout"]').addEventListener('click', async () => {
  await api('POST', '/admin/logout');
  location.assign('/admin/login?signedOut');
});
