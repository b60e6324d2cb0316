'use strict';
// The jobs list (newest first, 20 a page), the cluster's nodes and the studies in the result store.
(() => {
  const { el, getJson, time, duration, progressBar, progressLabel, nodeRows, jobUrl, showError } = webview;
  const pageSize = 20;
  let offset = 0;

  let busy = false;

  async function refresh() {
    if (busy) return; // one at a time: a slow answer is not overtaken by the next tick's
    busy = true;
    try {
      const [list, nodes] = await Promise.all([getJson(`/api/jobs?offset=${offset}&count=${pageSize}`), getJson('/api/nodes')]);
      renderJobs(list);
      nodeRows(document.querySelector('#nodes tbody'), nodes);
      showError(document.getElementById('error'), null);
    } catch (error) {
      showError(document.getElementById('error'), error);
    } finally {
      busy = false;
    }
  }

  function renderJobs(list) {
    const tbody = document.querySelector('#jobs tbody');
    tbody.replaceChildren(...list.jobs.map(entry => {
      const job = entry.summary;
      const link = el('a', { href: jobUrl(entry.jobId) }, entry.jobId);
      if (!job) return el('tr', {}, el('td', { class: 'name' }, link), el('td', { colspan: 8, class: 'error' }, entry.error));
      return el('tr', {},
        el('td', { class: 'name' }, link),
        el('td', {}, el('span', { class: `badge ${job.state}` }, job.state)),
        el('td', {}, time(job.startedAt)),
        el('td', {}, time(job.finishedAt)),
        el('td', { class: 'progress' }, progressBar(job), el('div', { class: 'label' }, progressLabel(job))),
        el('td', { class: 'num' }, String(job.succeeded)),
        el('td', { class: 'num' }, String(job.skipped)),
        el('td', { class: 'num' + (job.failed > 0 ? ' bad' : '') }, String(job.failed)),
        el('td', { class: 'num' }, job.etaSeconds === null ? '–' : duration(job.etaSeconds)));
    }));
    if (list.jobs.length === 0) tbody.append(el('tr', {}, el('td', { colspan: 9, class: 'empty' }, 'no jobs yet')));
    document.getElementById('jobs-range').textContent = list.total === 0 ? '' :
      `${list.offset + 1}–${list.offset + list.jobs.length} of ${list.total}`;
    document.getElementById('newer').disabled = offset === 0;
    document.getElementById('older').disabled = offset + pageSize >= list.total;
  }

  async function loadStudies() {
    const list = document.getElementById('studies');
    try {
      const studies = await getJson('/api/studies');
      list.replaceChildren(...studies.map(s => el('li', {}, el('a', { href: s.url }, s.prefix || '(store root)'))));
      if (studies.length === 0) list.append(el('li', { class: 'empty' }, 'no study packages in the result store'));
    } catch (error) {
      list.replaceChildren(el('li', { class: 'error' }, 'cannot list studies: ' + error.message));
    }
  }

  document.getElementById('newer').addEventListener('click', () => { offset = Math.max(0, offset - pageSize); refresh(); });
  document.getElementById('older').addEventListener('click', () => { offset += pageSize; refresh(); });
  refresh();
  loadStudies();
  setInterval(() => { if (!document.hidden) refresh(); }, 2000); // a tab in the background asks nothing
})();
