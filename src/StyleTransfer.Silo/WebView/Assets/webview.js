'use strict';
// Shared helpers of the web view's pages. Every text from the cluster (job ids, output names, failure reasons) goes
// into the page through clean() and text nodes, never as HTML: control characters (terminal escapes) and bidi
// overrides are shown as \uXXXX instead of acting on the text around them.
const webview = (() => {
  const unsafe = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

  function clean(value) {
    return String(value ?? '').replace(unsafe, c => '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
  }

  /** el('td', {class: 'num'}, 'text', childNode): strings become cleaned text nodes; attributes are set, not parsed. */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'style') { Object.assign(node.style, value); continue; } // CSSOM: allowed by the page's CSP, unlike style=""
      node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : clean(child));
    }
    return node;
  }

  async function getJson(url) {
    let response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
    } catch (error) {
      throw new Error('cannot reach the silo (' + error.message + ')');
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || body.detail || `${response.status} ${response.statusText}`);
    return body;
  }

  function time(iso) {
    return iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + 'Z' : '–';
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    const s = Math.max(0, Math.round(seconds));
    const h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
    return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
  }

  /** A stacked bar: succeeded, skipped, failed, running over the job's total (the rest is queued). */
  function progressBar(job) {
    const total = Math.max(1, job.total);
    const bar = el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': job.total, 'aria-valuenow': job.done });
    for (const [part, count] of [['succeeded', job.succeeded], ['skipped', job.skipped], ['failed', job.failed], ['running', job.running]]) {
      if (count > 0) bar.append(el('span', { class: `part ${part}`, style: { width: `${(100 * count / total).toFixed(3)}%` }, title: `${count} ${part}` }));
    }
    return bar;
  }

  function progressLabel(job) {
    const percent = job.total > 0 ? Math.floor(100 * job.done / job.total) : 0;
    return `${job.done}/${job.total}${job.totalFinal ? '' : '+'} done (${percent}%)`;
  }

  function nodeRows(tbody, nodes) {
    tbody.replaceChildren(...nodes.map(n => el('tr', {},
      el('td', { class: 'name' }, n.nodeId),
      el('td', {}, n.device),
      el('td', { class: 'num' }, String(n.capacity)),
      el('td', { class: 'num' }, String(n.inFlight)),
      el('td', {}, el('div', { class: 'bar small' }, el('span', {
        class: 'part running', style: { width: `${n.capacity > 0 ? Math.min(100, 100 * n.inFlight / n.capacity) : 0}%` },
      }))))));
    if (nodes.length === 0) tbody.append(el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'no active nodes')));
  }

  function jobUrl(id) { return '/job?id=' + encodeURIComponent(id); }

  function showError(target, error) {
    target.replaceChildren(error ? el('span', {}, error.message) : '');
    target.hidden = !error;
  }

  return { clean, el, getJson, time, duration, progressBar, progressLabel, nodeRows, jobUrl, showError };
})();
