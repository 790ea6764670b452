/*
 * Imports: the export file goes up as the request body (XMLHttpRequest, for the upload's progress),
 * then the job's progress is polled from the admin API until it is done.
 */
import { h } from './nav.js';

const form = document.querySelector('[data-import-form]');
const status = document.querySelector('[data-import-status]');
const bar = document.querySelector('[data-import-progress]');
const csrf = document.querySelector('meta[name="csrf-token"]').content;

function show(fraction, text) {
  bar.hidden = false;
  bar.value = fraction;
  status.textContent = text;
}

function upload(file, query) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/admin/v1/imports?${query}`);
    xhr.setRequestHeader('Content-Type', 'application/xml');
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (event) => event.lengthComputable
      && show(event.loaded / event.total, `Uploading ${Math.round((100 * event.loaded) / event.total)}%`);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText ? JSON.parse(xhr.responseText) : null });
    xhr.onerror = () => reject(new Error('The upload did not get through.'));
    xhr.send(file);
  });
}

function describe(job) {
  const c = job.counts;
  const skipped = Object.entries(c.skipped || {}).map(([why, n]) => `${n} ${why}`).join(', ');
  return `Import ${job.id}: ${job.status}. ${c.read} read, ${c.imported} imported` + (skipped ? `, skipped: ${skipped}` : '')
    + (c.errors ? `, ${c.errors} errors` : '') + (c.parentMissing ? `, ${c.parentMissing} replies without their parent` : '')
    + (c.learntBySpamFilter ? `, ${c.learntBySpamFilter} learnt by the spam filter` : '')
    + (job.failure ? `. ${job.failure}` : '.');
}

async function follow(id) {
  for (;;) {
    const response = await fetch(`/admin/v1/imports/${id}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const job = await response.json();
    show(job.progress, describe(job));
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const query = new URLSearchParams({
    format: data.get('format'), articleIds: data.get('articleIds'), timeZone: data.get('timeZone'), learnSpam: data.has('learnSpam'),
  });
  form.querySelector('[data-import-start]').disabled = true;
  try {
    const { status: code, body } = await upload(data.get('file'), query);
    if (code !== 202) {
      status.replaceChildren(h('strong', null, (body && (body.detail || body.title)) || `The import was refused (${code}).`));
      return;
    }
    await follow(body.id);
  } catch (error) {
    status.textContent = error.message;
  } finally {
    form.querySelector('[data-import-start]').disabled = false;
  }
});
