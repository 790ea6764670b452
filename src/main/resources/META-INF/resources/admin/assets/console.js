/*
 * The moderation queue, keyboard first. The page is rendered on the server; this script moves the
 * focus (j/k), decides through the admin API (a/r/s), undoes (u), selects (x), claims the comment in
 * focus so that other moderators see it is being reviewed, and keeps the tabs' counts live. The
 * queue's event stream says what others do meanwhile: new comments are announced ("View N new"),
 * never inserted, and others' decisions and claims are marked on the cards they concern.
 * A decided card stays where it is, marked, so that nothing moves under the moderator's hand.
 */
import { api, h } from './nav.js';

const queue = document.querySelector('[data-queue]');
const cards = () => [...queue.querySelectorAll('.card')];
const UNDO_SECONDS = 30;
const CLAIM_RENEW_MS = 30_000;
const COUNTS_MS = 10_000;

/* What each decision turns a comment into, and how to take it back from there. */
const DONE = { approve: 'approved', reject: 'rejected', spam: 'spam', restore: 'pending' };
const BACK = { approved: 'approve', rejected: 'reject', spam: 'spam', pending: 'restore' };

let focused = null;
let lastDecision = null;
let claimTimer = null;
let anchor = null;

function say(card, text, kind) {
  const outcome = card.querySelector('[data-outcome]');
  outcome.textContent = text;
  outcome.dataset.kind = kind || '';
}

/* ---- focus and claims ---- */

function focus(card) {
  if (!card || card === focused) return;
  if (focused) {
    focused.classList.remove('focused');
    release(focused);
  }
  focused = card;
  card.classList.add('focused');
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: 'nearest' });
  claim(card);
}

async function claim(card) {
  clearTimeout(claimTimer);
  if (card.dataset.decided) return;
  const { status, body } = await api('POST', `/admin/v1/comments/${card.dataset.commentId}/claim`);
  if (status === 409 && body && body.current) {
    showClaim(card, body.current.name);
  } else if (status === 200) {
    card.dataset.mine = 'true';
    claimTimer = setTimeout(() => focused === card && claim(card), CLAIM_RENEW_MS);
  }
}

function release(card) {
  if (card.dataset.mine && !card.dataset.decided) {
    delete card.dataset.mine;
    api('DELETE', `/admin/v1/comments/${card.dataset.commentId}/claim`);
  }
}

function showClaim(card, name) {
  card.dataset.claimedBy = name;
  card.querySelector('[data-claim]').textContent = `being reviewed by ${name}`;
}

function move(step) {
  const all = cards();
  if (all.length === 0) return;
  const at = all.indexOf(focused);
  let next = at < 0 ? 0 : at + step;
  // others' claims are skipped by default; the moderator can still click such a card
  while (all[next] && all[next].dataset.claimedBy && !all[next].dataset.mine) next += step;
  focus(all[Math.max(0, Math.min(all.length - 1, next))] || all[at]);
}

/* ---- decisions ---- */

async function decide(card, action, reason) {
  if (!card) return;
  const id = card.dataset.commentId;
  const before = card.dataset.status;
  const { status, body } = await api('POST', `/admin/v1/comments/${id}/decisions`,
    { action, expectedVersion: Number(card.dataset.version), reason });
  if (status === 200) {
    markDecided(card, action, body, `${capitalise(DONE[action] || action)} by you. Press u to undo.`);
    lastDecision = { card, before, at: Date.now() };
    refreshCounts();
    return;
  }
  if (status === 409 && body && body.current) {
    lostRace(card, body.current);
    return;
  }
  say(card, (body && body.detail) || `Could not ${action} (${status}).`, 'error');
}

function markDecided(card, action, comment, text) {
  card.dataset.version = comment.version;
  card.dataset.status = comment.status;
  card.dataset.decided = action;
  card.classList.add('decided');
  card.querySelector('[data-status-label]').textContent = comment.status;
  say(card, text, 'done');
}

/* ---- editors' picks ---- */

/* Features a published comment (a badge and the article's picks tab), pins its thread on top, or stops featuring it. */
async function feature(card, mode) {
  if (!card || card.dataset.status !== 'approved') return;
  const id = card.dataset.commentId;
  const { status, body } = mode === 'off'
    ? await api('DELETE', `/admin/v1/comments/${id}/feature`)
    : await api('POST', `/admin/v1/comments/${id}/feature`, { pinned: mode === 'pin' });
  if (status !== 200) return say(card, (body && body.detail) || `The editors' pick could not be changed (${status}).`, 'error');
  card.dataset.version = body.version;
  card.querySelector('[data-pick-label]').textContent = body.pinned ? 'editors\u2019 pick, pinned' : body.featured ? 'editors\u2019 pick' : '';
  const featureButton = card.querySelector('[data-feature]');
  featureButton.dataset.feature = body.featured ? 'off' : 'on';
  featureButton.textContent = body.featured ? 'Unfeature' : 'Feature';
  const pinButton = card.querySelector('[data-pin]');
  if (pinButton) {
    pinButton.dataset.pin = body.pinned ? 'off' : 'on';
    pinButton.textContent = body.pinned ? 'Unpin' : 'Feature and pin';
  }
  say(card, body.pinned ? 'Featured and pinned on top of the thread.' : body.featured ? 'Featured as an editors\u2019 pick.'
    : 'No longer featured.', 'done');
}

/* Someone else decided first, or the author edited: show what happened instead of overwriting it. */
async function lostRace(card, current) {
  card.dataset.version = current.version;
  card.dataset.status = current.status;
  card.querySelector('[data-status-label]').textContent = current.status;
  card.classList.add('conflict');
  const detail = await api('GET', `/admin/v1/comments/${card.dataset.commentId}`);
  const history = detail.status === 200 ? detail.body.history : [];
  const last = history[history.length - 1];
  say(card, last
    ? `${last.actor} made it ${last.to} at ${new Date(last.at).toLocaleTimeString()}; your decision was not applied.`
    : `It is ${current.status} now; your decision was not applied.`, 'conflict');
}

async function undo() {
  const last = lastDecision;
  if (!last || Date.now() - last.at > UNDO_SECONDS * 1000) return;
  lastDecision = null;
  const { card, before } = last;
  const { status, body } = await api('POST', `/admin/v1/comments/${card.dataset.commentId}/decisions`,
    { action: BACK[before], expectedVersion: Number(card.dataset.version), reason: 'Undo' });
  if (status === 200) {
    card.dataset.version = body.version;
    card.dataset.status = body.status;
    delete card.dataset.decided;
    card.classList.remove('decided');
    card.querySelector('[data-status-label]').textContent = body.status;
    say(card, 'Undone.', 'undone');
    focus(card);
    refreshCounts();
  } else if (status === 409 && body && body.current) {
    lostRace(card, body.current);
  }
}

/* ---- selection and bulk decisions ---- */

function toggle(card, range) {
  const all = cards();
  const targets = range && anchor ? all.slice(Math.min(all.indexOf(anchor), all.indexOf(card)),
    Math.max(all.indexOf(anchor), all.indexOf(card)) + 1) : [card];
  const on = !card.querySelector('[data-select]').checked;
  for (const target of targets) target.querySelector('[data-select]').checked = on;
  anchor = card;
  updateBulkbar();
}

function selected() {
  return cards().filter((card) => card.querySelector('[data-select]').checked);
}

function updateBulkbar() {
  const count = selected().length;
  const bar = document.querySelector('[data-bulkbar]');
  bar.hidden = count === 0;
  bar.querySelector('[data-selected-count]').textContent = count;
  bar.querySelector('[data-matching-count]').textContent = currentTabCount();
}

function currentTabCount() {
  const current = document.querySelector('.tab.current .count');
  return current ? current.textContent.trim() : '0';
}

function selectPage() {
  for (const card of cards()) card.querySelector('[data-select]').checked = true;
  updateBulkbar();
}

/* Every comment the view matches, not only this page's: confirmed above a few, with the count in words. */
const CONFIRM_ABOVE = 25;
async function decideAllMatching() {
  const action = document.querySelector('[data-all-action]').value;
  const count = currentTabCount();
  if (Number.parseInt(count.replace(/[^0-9]/g, ''), 10) > CONFIRM_ABOVE
      && !window.confirm(`${capitalise(action)} all ${count} comments matching this view?`)) return;
  const params = new URLSearchParams(location.search);
  params.delete('cursor');
  const { status, body } = await api('POST', `/admin/bulk?${params}`, { action });
  const result = document.querySelector('[data-bulk-result]');
  if (status !== 200) {
    result.textContent = (body && body.detail) || `Not done (${status}).`;
    return;
  }
  const done = body.results.filter((r) => r.status === 200).length;
  result.textContent = `${done} of ${body.results.length} comments: ${DONE[action]}.`;
  for (const outcome of body.results) {
    const card = queue.querySelector(`[data-comment-id="${outcome.id}"]`);
    if (card && outcome.status === 200) markDecided(card, action, outcome.comment, `${capitalise(DONE[action])} by you (all matching).`);
  }
  refreshCounts();
}

async function bulk(action) {
  const chosen = selected();
  if (chosen.length === 0) return;
  const { status, body } = await api('POST', '/admin/v1/decisions',
    { ids: chosen.map((card) => Number(card.dataset.commentId)), action });
  if (status !== 200) return;
  for (const outcome of body.results) {
    const card = queue.querySelector(`[data-comment-id="${outcome.id}"]`);
    if (!card) continue;
    card.querySelector('[data-select]').checked = false;
    if (outcome.status === 200) {
      markDecided(card, action, outcome.comment, `${capitalise(DONE[action] || action)} by you (bulk).`);
    } else {
      say(card, (outcome.problem && outcome.problem.detail) || `Not changed (${outcome.status}).`, 'error');
    }
  }
  updateBulkbar();
  refreshCounts();
}

/* ---- matched words ---- */

/* Marks each matched term in the comment's text, as text nodes only: the HTML itself is the server's. */
function highlight(card) {
  const terms = (card.dataset.terms || '').split('\n').filter(Boolean).map((t) => t.replace(/\*$/, ''));
  if (terms.length === 0) return;
  const pattern = new RegExp(terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  const walker = document.createTreeWalker(card.querySelector('[data-body]'), NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const text = node.nodeValue;
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    const fragment = document.createDocumentFragment();
    let at = 0;
    text.replace(pattern, (match, offset) => {
      fragment.append(text.slice(at, offset));
      const mark = document.createElement('mark');
      mark.textContent = match;
      fragment.append(mark);
      at = offset + match.length;
    });
    fragment.append(text.slice(at));
    node.replaceWith(fragment);
  }
}

/* ---- panels: the author, a ban, the context ---- */

const panel = document.querySelector('[data-panel]');

function openPanel(title, ...content) {
  panel.replaceChildren(h('h2', null, title), ...content, h('form', { method: 'dialog' }, h('button', null, 'Close')));
  if (!panel.open) panel.showModal();
}

async function authorPanel(card) {
  const id = card.dataset.authorId;
  const { status, body: a } = await api('GET', `/admin/v1/authors/${id}`);
  if (status !== 200) return say(card, `The author could not be loaded (${status}).`, 'error');
  const noteText = h('textarea', { name: 'note', rows: 2, 'aria-label': 'New note', 'data-note-text': true });
  const notes = h('ul', { 'data-notes': true }, a.notes.map(noteItem));
  openPanel(`${a.name} (${a.provider})`,
    h('section', { 'data-author-panel': true },
      h('p', null, a.email || 'no email', ' · since ', new Date(a.since).toLocaleDateString()),
      h('p', { 'data-history': true }, `${a.history.approved} approved · ${a.history.pending} pending · `
        + `${a.history.spam} spam · ${a.history.rejected} rejected`),
      h('h3', null, 'Latest comments'),
      h('ul', null, a.recent.map((r) => h('li', null, h('strong', null, r.status), ' ', r.excerpt,
        r.decidedBy ? h('span', { class: 'meta' }, ` (${r.decidedBy}, ${new Date(r.decidedAt).toLocaleString()})`) : null))),
      h('h3', null, 'Bans'),
      a.bans.length ? h('ul', null, a.bans.map((b) => h('li', null, `${b.kind} ${b.value}`, b.active ? ' (active)' : ' (expired)',
        b.reason ? ` — ${b.reason}` : ''))) : h('p', null, 'None.'),
      h('h3', null, 'Same IP or email'),
      [...a.sameIp, ...a.sameEmail].length
        ? h('ul', null, [...a.sameIp, ...a.sameEmail].map((o) => h('li', null, o.name, ' ', o.email || '', o.ip ? ` (${o.ip})` : '')))
        : h('p', null, 'Nobody else.'),
      h('h3', null, 'Notes'), notes,
      h('p', null, noteText, h('button', {
        type: 'button',
        'data-add-note': true,
        onclick: async () => {
          if (!noteText.value.trim()) return;
          const added = await api('POST', `/admin/v1/authors/${id}/notes`, { text: noteText.value });
          if (added.status === 201) {
            notes.prepend(noteItem(added.body));
            noteText.value = '';
          }
        },
      }, 'Add note'))));
}

function noteItem(note) {
  return h('li', null, note.text, h('span', { class: 'meta' }, ` — ${note.name}, ${new Date(note.at).toLocaleString()}`));
}

async function banPanel(card) {
  const authorId = card.dataset.authorId;
  const email = card.dataset.email;
  const ip = card.dataset.ip;
  const pending = await api('GET', `/admin/v1/comments?status=pending&authorId=${authorId}&limit=200`);
  const pendingIds = pending.status === 200 ? pending.body.items.map((i) => i.id) : [];
  const choice = (value, label, checked) => h('label', null, h('input', { type: 'radio', name: 'kind', value, checked }), ' ', label);
  const cidr = ip && ip.includes('.') ? ip.replace(/\.\d+$/, '.0/24') : ip;
  const form = h('form', { 'data-ban-form': true },
    h('fieldset', null, h('legend', null, 'Ban'),
      choice(`commenter:${authorId}`, `this commenter (#${authorId})`, true),
      email ? choice(`email:${email}`, `the email ${email}`) : null,
      ip ? choice(`ip:${ip}`, `the IP ${ip}`) : null,
      ip ? choice(`ip:${cidr}`, `the network ${cidr}`) : null),
    h('label', null, 'For ', h('select', { name: 'days' },
      h('option', { value: '1' }, '1 day'), h('option', { value: '7' }, '7 days'), h('option', { value: '30', selected: true }, '30 days'),
      h('option', { value: '' }, 'ever'))),
    h('label', null, 'Reason ', h('input', { name: 'reason', size: 40 })),
    h('label', null, h('input', { type: 'checkbox', name: 'rejectPending', checked: pendingIds.length > 0 }),
      ` Also reject their ${pendingIds.length} pending comment${pendingIds.length === 1 ? '' : 's'}`),
    h('p', null, h('button', { type: 'submit', 'data-confirm-ban': true }, 'Ban'), h('span', { 'data-ban-result': true, role: 'status' })));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const [kind, ...value] = data.get('kind').split(':');
    const days = data.get('days');
    const ban = await api('POST', '/admin/v1/bans', {
      kind, value: value.join(':'), reason: data.get('reason') || undefined,
      expiresAt: days ? new Date(Date.now() + days * 86_400_000).toISOString() : undefined,
    });
    const result = form.querySelector('[data-ban-result]');
    if (ban.status !== 201) {
      result.textContent = ban.status === 403 ? ' Only admins can ban.' : ` ${(ban.body && ban.body.detail) || ban.status}`;
      return;
    }
    let rejected = 0;
    if (data.get('rejectPending') && pendingIds.length) {
      const outcome = await api('POST', '/admin/v1/decisions', { ids: pendingIds, action: 'reject', reason: 'Author banned' });
      rejected = outcome.status === 200 ? outcome.body.results.filter((r) => r.status === 200).length : 0;
      for (const r of outcome.body.results) {
        const decided = queue.querySelector(`[data-comment-id="${r.id}"]`);
        if (decided && r.status === 200) markDecided(decided, 'reject', r.comment, 'Rejected: author banned.');
      }
    }
    result.textContent = ` Banned${rejected ? `; ${rejected} pending comment${rejected === 1 ? '' : 's'} rejected` : ''}.`;
  });
  openPanel('Ban the author', form);
}

async function contextPanel(card) {
  const { status, body } = await api('GET', `/admin/v1/comments/${card.dataset.commentId}`);
  if (status !== 200) return;
  const article = card.querySelector('.article a');
  openPanel('Context',
    h('section', { 'data-context': true },
      body.parent ? h('blockquote', { class: 'parent' }, h('strong', null, body.parent.author.name), ': ', body.parent.body || '') : null,
      h('p', null, h('strong', null, body.comment.author.name), ': ', body.comment.body || ''),
      article ? h('p', null, h('a', { href: article.href, target: '_blank', rel: 'noopener' }, 'The thread on the article')) : null,
      h('h3', null, 'History'),
      h('ol', null, body.history.map((e) => h('li', null, `${new Date(e.at).toLocaleString()}: ${e.from || 'new'} → ${e.to} by ${e.actor}`
        + (e.note ? ` (${e.note})` : ''))))));
}

/* ---- live counts ---- */

async function refreshCounts() {
  const params = new URLSearchParams(location.search);
  const response = await fetch(`/admin/counts?${params}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (response.ok) {
    for (const tab of await response.json()) {
      const count = document.querySelector(`[data-count="${tab.name}"]`);
      if (count) count.textContent = tab.count;
    }
  }
}

/* ---- live: what other moderators and readers do meanwhile ---- */

const news = h('button', { type: 'button', class: 'news', hidden: true, 'aria-live': 'polite', onclick: () => location.reload() });
queue.before(news);
let announced = 0;
let countsTimer = null;

function heard(change) {
  const card = queue.querySelector(`.card[data-comment-id="${change.commentId}"]`);
  if ((change.op === 'held' || change.op === 'reported') && !card) {
    announced += 1;
    news.textContent = `View ${announced} new`;
    news.hidden = false;
  } else if (change.op === 'decided' && card && !(card.dataset.decided && card.dataset.status === change.status)) {
    card.dataset.status = change.status;
    card.querySelector('[data-status-label]').textContent = change.status;
    card.classList.add('conflict');
    say(card, `${change.actor || 'Another moderator'} made it ${change.status}.`, 'conflict');
  } else if (change.op === 'edited' && card) {
    say(card, 'The author edited this comment: reload to see the new text before deciding.', 'conflict');
  } else if (change.op === 'claimed' && card && !card.dataset.mine) {
    showClaim(card, change.moderator);
  } else if (change.op === 'released' && card && !card.dataset.mine) {
    delete card.dataset.claimedBy;
    card.querySelector('[data-claim]').textContent = '';
  }
  // many changes at once (a bulk decision elsewhere) ask for the counts once
  clearTimeout(countsTimer);
  countsTimer = setTimeout(refreshCounts, 500);
}

if (window.EventSource) {
  const events = new EventSource('/admin/v1/events', { withCredentials: true });
  events.addEventListener('queue', (event) => heard(JSON.parse(event.data)));
  events.addEventListener('resync', refreshCounts);
  // a browser holds six connections to one host: a page left behind must not keep one
  window.addEventListener('pagehide', () => events.close());
}

/* ---- the keyboard ---- */

const KEYS = {
  j: () => move(1),
  k: () => move(-1),
  a: () => decide(focused, 'approve'),
  r: () => decide(focused, 'reject'),
  s: () => decide(focused, 'spam'),
  u: () => undo(),
  f: () => focused && feature(focused, focused.querySelector('[data-feature]')?.dataset.feature === 'off' ? 'off' : 'feature'),
  x: (event) => focused && toggle(focused, event.shiftKey),
  X: (event) => focused && toggle(focused, true),
  b: () => focused && banPanel(focused),
  o: () => focused && contextPanel(focused),
  '*': () => selectPage(),
  '/': () => document.querySelector('[data-search]').focus(),
  '?': () => document.querySelector('[data-help]').showModal(),
};

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target.closest('input, select, textarea, dialog')) {
    if (event.key === 'Escape') event.target.blur();
    return;
  }
  const action = KEYS[event.key];
  if (action) {
    event.preventDefault();
    action(event);
  }
});

queue.addEventListener('click', (event) => {
  const card = event.target.closest('.card');
  if (!card) return;
  const button = event.target.closest('[data-decide]');
  const panelButton = event.target.closest('[data-open]');
  const pick = event.target.closest('[data-feature], [data-pin]');
  if (pick) {
    focus(card);
    // unpinning keeps the comment featured; only Unfeature stops featuring it
    const mode = pick.dataset.pin ? (pick.dataset.pin === 'on' ? 'pin' : 'feature') : (pick.dataset.feature === 'off' ? 'off' : 'feature');
    feature(card, mode);
  } else if (panelButton) {
    focus(card);
    ({ author: authorPanel, ban: banPanel, context: contextPanel })[panelButton.dataset.open](card);
  } else if (button) {
    focus(card);
    decide(card, button.dataset.decide);
  } else if (event.target.matches('[data-select]')) {
    event.target.checked = !event.target.checked; // toggle() sets it, for clicks and keys alike
    toggle(card, event.shiftKey);
  } else if (!event.target.closest('a')) {
    focus(card);
  }
});

document.querySelector('[data-bulkbar]').addEventListener('click', (event) => {
  const button = event.target.closest('[data-bulk]');
  if (button) bulk(button.dataset.bulk);
  if (event.target.closest('[data-all-matching]')) decideAllMatching();
});

document.querySelector('[data-action="help"]').addEventListener('click', () => document.querySelector('[data-help]').showModal());
window.addEventListener('pagehide', () => focused && release(focused));

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

for (const card of cards()) {
  highlight(card);
  card.querySelector('time').textContent = new Date(card.querySelector('time').dateTime).toLocaleString();
}
move(1);
setInterval(refreshCounts, COUNTS_MS);
