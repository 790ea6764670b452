/*
 * The rules page: the settings form with its dry run (what the proposed settings would have done to
 * the latest comments, shown before anything is saved), bans, and articles. Every change goes
 * through the admin API with the session's CSRF token.
 */
import { api } from './nav.js';

function problemText(answer) {
  const problem = answer.body || {};
  return problem.errors && problem.errors.length
    ? problem.errors.map((e) => `${e.field} ${e.message}`).join('; ') : problem.detail || `Not saved (${answer.status}).`;
}

/* ---- settings and the dry run ---- */

const settingsForm = document.querySelector('[data-settings]');
const LISTS = ['bannedWords', 'suspectWords', 'moderationKeys', 'disallowedKeys'];
const NUMBERS = ['approvedCommentsToTrust', 'holdLinkCount', 'floodIntervalSeconds', 'editWindowSeconds', 'maxDepth',
  'closeAfterDays', 'reportsToRequeue'];
const FRACTIONS = ['spamHoldThreshold', 'spamThreshold'];

function proposedSettings() {
  const form = settingsForm.elements;
  const settings = { manualApproval: form.manualApproval.checked };
  for (const name of LISTS) settings[name] = form[name].value.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const name of NUMBERS) settings[name] = Number.parseInt(form[name].value, 10);
  for (const name of FRACTIONS) settings[name] = Number.parseFloat(form[name].value);
  return settings;
}

const result = document.querySelector('[data-settings-result]');

document.querySelector('[data-preview]').addEventListener('click', async () => {
  result.textContent = 'Trying the settings on the latest comments…';
  const last = Number.parseInt(settingsForm.elements.last.value, 10) || 10000;
  const answer = await api('POST', '/admin/v1/settings/dry-run', { settings: proposedSettings(), last });
  if (answer.status !== 200) {
    result.textContent = problemText(answer);
    return;
  }
  result.textContent = '';
  const dry = answer.body;
  const panel = document.querySelector('[data-dry-run]');
  for (const row of ['current', 'proposed']) {
    const cells = panel.querySelectorAll(`[data-row="${row}"] td`);
    ['approved', 'held', 'spam', 'refused'].forEach((key, i) => { cells[i].textContent = dry[row][key]; });
  }
  panel.querySelector('[data-changed]').textContent = `${dry.changed} of the last ${dry.sample} comments would have gone another way.`;
  panel.querySelector('[data-examples]').replaceChildren(...dry.examples.map((change) => {
    const item = document.createElement('li');
    const reasons = change.reasons.map((r) => r.term ? `${r.code} “${r.term}”` : r.code).join(', ');
    item.textContent = `${change.author}: “${change.excerpt}” — ${change.now} → ${change.proposed}${reasons ? ` (${reasons})` : ''}`;
    return item;
  }));
  panel.hidden = false;
});

settingsForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const answer = await api('PUT', '/admin/v1/settings', proposedSettings());
  result.textContent = answer.status === 200 ? 'Saved: the next comment is judged by these settings.' : problemText(answer);
});

/* ---- bans ---- */

const banForm = document.querySelector('[data-ban]');
banForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(banForm);
  const answer = await api('POST', '/admin/v1/bans', {
    kind: data.get('kind'),
    value: data.get('value'),
    reason: data.get('reason') || undefined,
    expiresAt: data.get('until') ? new Date(`${data.get('until')}T00:00:00Z`).toISOString() : undefined,
  });
  if (answer.status === 201) location.reload();
  else banForm.querySelector('[data-ban-result]').textContent = problemText(answer);
});

document.querySelector('[data-bans]').addEventListener('click', async (event) => {
  const button = event.target.closest('[data-lift]');
  if (!button) return;
  const answer = await api('DELETE', `/admin/v1/bans/${button.dataset.lift}`);
  if (answer.status === 204) button.closest('tr').remove();
});

/* ---- articles ---- */

document.querySelector('[data-articles]').addEventListener('change', async (event) => {
  const box = event.target.closest('[data-article-flag]');
  if (!box) return;
  const id = box.closest('tr').dataset.articleId;
  const answer = await api('PUT', `/admin/v1/articles/${encodeURIComponent(id)}`, { [box.dataset.articleFlag]: box.checked });
  if (answer.status !== 200) box.checked = !box.checked;
});
