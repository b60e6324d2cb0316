'use strict';
// One job: counts and progress (refreshed every 2 s while it runs), running items, nodes, failed items with their
// reasons and a gallery of its outputs (thumbnails; a click opens the full image).
(() => {
  const { el, clean, getJson, time, duration, progressBar, progressLabel, nodeRows, showError } = webview;
  const id = new URLSearchParams(location.search).get('id') ?? '';
  const api = '/api/jobs/' + encodeURIComponent(id);
  const step = { failed: 50, outputs: 60 };
  const lists = {
    failed: { states: 'failed', limit: step.failed, count: 0, seen: -1, rows: new Map() },
    outputs: { states: 'succeeded,skipped', limit: step.outputs, count: 0, seen: -1, rows: new Map() },
  };
  let timer = null;

  document.getElementById('job-id').textContent = clean(id);
  document.title = 'Job ' + clean(id) + ' · StyleTransfer';

  let busy = false;

  /** One refresh at a time: a slow answer is not overtaken by the next tick's. */
  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      await refreshOnce();
    } finally {
      busy = false;
    }
  }

  async function refreshOnce() {
    let view;
    try {
      view = await getJson(api);
      showError(document.getElementById('error'), null);
    } catch (error) {
      showError(document.getElementById('error'), error);
      return;
    }
    const job = view.job;
    renderSummary(job);
    renderRunning(view.runningItems);
    nodeRows(document.querySelector('#nodes tbody'), view.nodes);
    await Promise.all([
      refreshList('failed', job.failed, renderFailed),
      refreshList('outputs', job.succeeded + job.skipped, renderGallery),
    ]);
    const final = job.state === 'finished' || job.state === 'cancelled';
    const settled = lists.failed.seen === job.failed && lists.outputs.seen === job.succeeded + job.skipped;
    if (final && settled && timer !== null) { clearInterval(timer); timer = null; }
  }

  function renderSummary(job) {
    const state = document.getElementById('state');
    state.textContent = job.state;
    state.className = 'badge ' + job.state;
    document.getElementById('progress').replaceChildren(progressBar(job));
    document.getElementById('progress-label').textContent = progressLabel(job);
    const facts = [
      ['Total', job.total + (job.totalFinal ? '' : '+')], ['Succeeded', job.succeeded], ['Skipped', job.skipped],
      ['Failed', job.failed], ['Running', job.running], ['Queued', job.queued],
      ['Started', time(job.startedAt)], ['Finished', time(job.finishedAt)],
      ['Mean time per item', job.averageSecondsPerItem === null ? '–' : job.averageSecondsPerItem.toFixed(2) + ' s'],
      ['Time left (estimate)', job.etaSeconds === null ? '–' : duration(job.etaSeconds)],
    ];
    document.getElementById('facts').replaceChildren(...facts.map(([name, value]) =>
      el('div', { class: 'fact', 'data-fact': name }, el('dt', {}, name), el('dd', {}, String(value)))));
  }

  function renderRunning(items) {
    const tbody = document.querySelector('#running tbody');
    tbody.replaceChildren(...items.map(item => el('tr', {},
      el('td', { class: 'name' }, item.outputName),
      el('td', { class: 'name' }, item.node ?? '–'),
      el('td', { class: 'progress' },
        el('div', { class: 'bar small' }, el('span', { class: 'part running', style: { width: item.totalIterations > 0 ? `${100 * item.iteration / item.totalIterations}%` : '0%' } })),
        el('div', { class: 'label' }, item.totalIterations > 0 ? `iteration ${item.iteration}/${item.totalIterations}` : 'starting')))));
    if (items.length === 0) tbody.append(el('tr', {}, el('td', { colspan: 3, class: 'empty' }, 'nothing running')));
  }

  /** Reloads a list when its count changed (or more was asked for), following the API's page cursor. */
  async function refreshList(name, count, render, force = false) {
    const list = lists[name];
    list.count = count;
    if (!force && count === list.seen) return;
    if (count === 0) { // nothing to look for (a large job's pages are not read for it)
      list.seen = 0;
      render(list, [], 0);
      return;
    }
    const items = [];
    let page = 0;
    try {
      while (page !== null && items.length < list.limit) {
        const batch = await getJson(`${api}/items?state=${list.states}&page=${page}&limit=${list.limit - items.length}`);
        items.push(...batch.items);
        page = batch.nextPage;
      }
    } catch (error) {
      showError(document.getElementById('error'), error);
      return;
    }
    // The job's counts can run ahead of what its pages list for a moment: ask again next time until they agree.
    list.seen = items.length >= Math.min(count, list.limit) ? count : -1;
    render(list, items.slice(0, list.limit), count);
  }

  const keyOf = item => item.page + '\n' + item.itemId;
  const itemQuery = item => `page=${item.page}&item=${encodeURIComponent(item.itemId)}`;

  /** Keeps the DOM node of an item already shown (its image is not loaded again), in the API's order. */
  function reconcile(list, container, items, make) {
    const rows = new Map();
    for (const item of items) rows.set(keyOf(item), list.rows.get(keyOf(item)) ?? make(item));
    list.rows = rows;
    container.replaceChildren(...rows.values());
  }

  function renderFailed(list, items, count) {
    const tbody = document.querySelector('#failed tbody');
    reconcile(list, tbody, items, item => {
      const lines = String(item.failureReason ?? '').split('\n');
      return el('tr', { class: 'failed-item' },
        el('td', { class: 'name' }, item.outputName),
        el('td', { class: 'reason', title: lines.map(clean).join('\n') }, lines[0]),
        el('td', { class: 'num' }, String(item.attempts)),
        el('td', { class: 'name' }, item.node ?? '–'));
    });
    if (items.length === 0) tbody.append(el('tr', {}, el('td', { colspan: 4, class: 'empty' }, 'no failed items')));
    document.getElementById('failed-count').textContent = count > 0 ? `(${count})` : '';
    document.getElementById('failed-more').hidden = items.length >= count;
  }

  function renderGallery(list, items, count) {
    const gallery = document.getElementById('gallery');
    reconcile(list, gallery, items, item => {
      const name = item.outputName.split('/').pop();
      return el('figure', { class: 'output' },
        el('a', { href: `${api}/output?${itemQuery(item)}`, target: '_blank', rel: 'noopener' },
          el('img', { src: `${api}/thumbnail?${itemQuery(item)}`, alt: clean(item.outputName), loading: 'lazy' })),
        el('figcaption', { title: clean(item.outputName) }, name, item.state === 'skipped' ? el('span', { class: 'badge skipped' }, 'skipped') : null));
    });
    if (items.length === 0) gallery.append(el('p', { class: 'empty' }, 'no outputs yet'));
    document.getElementById('outputs-count').textContent = count > 0 ? `(${count})` : '';
    document.getElementById('outputs-more').hidden = items.length >= count;
  }

  document.getElementById('failed-more').addEventListener('click', () => {
    lists.failed.limit += step.failed;
    refreshList('failed', lists.failed.count, renderFailed, true);
  });
  document.getElementById('outputs-more').addEventListener('click', () => {
    lists.outputs.limit += step.outputs;
    refreshList('outputs', lists.outputs.count, renderGallery, true);
  });
  if (id === '') {
    showError(document.getElementById('error'), new Error('no job id: open a job from the jobs list'));
    return;
  }
  refresh();
  timer = setInterval(() => { if (!document.hidden) refresh(); }, 2000); // a tab in the background asks nothing
})();
