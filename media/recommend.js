// "Best for this machine": builds the DOM from the JSON the extension posts (textContent only, never HTML strings).
// Runs under a strict CSP: no inline handlers or styles, no remote resources. Copy buttons name a row; the
// extension writes the clipboard with the text it built.
/** @typedef {import('../src/vscode/format/recommendMessages').RecommendToWebview} RecommendToWebview */
/** @typedef {import('../src/vscode/format/recommendMessages').RecommendViewMessage} RecommendViewMessage */
/** @typedef {import('../src/vscode/format/recommendMessages').RecommendRow} RecommendRow */
/** @typedef {import('../src/vscode/format/recommendMessages').RecommendFromWebview} RecommendFromWebview */
/** @typedef {import('../src/vscode/format/recommendMessages').CopyWhat} CopyWhat */
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('rec-root'));
  const title = /** @type {HTMLElement} */ (document.getElementById('rec-title'));
  const useSelect = /** @type {HTMLSelectElement} */ (document.getElementById('rec-use'));
  /** @type {Map<string, HTMLButtonElement>} */
  const copyButtons = new Map();

  /** @param {RecommendFromWebview} m */
  function send(m) {
    vscode.postMessage(m);
  }

  /** @param {string} tag @param {string=} cls @param {string=} text */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  for (const b of document.querySelectorAll('button[data-command]')) {
    b.addEventListener('click', () => send({ type: 'command', command: b.getAttribute('data-command') || '' }));
  }
  useSelect.addEventListener('change', () => {
    const use = /** @type {RecommendViewMessage['use']} */ (useSelect.value);
    send({ type: 'use', use });
  });

  /** @param {string[]} uses @param {string} current */
  function fillUses(uses, current) {
    if (useSelect.options.length !== uses.length) {
      useSelect.replaceChildren(
        ...uses.map((u) => {
          const o = /** @type {HTMLOptionElement} */ (el('option', undefined, u));
          o.value = u;
          return o;
        }),
      );
    }
    useSelect.value = current;
  }

  /** @param {number} row @param {CopyWhat} what @param {string} label @param {string} text */
  function copyButton(row, what, label, text) {
    const b = /** @type {HTMLButtonElement} */ (el('button', 'copy', label));
    b.type = 'button';
    b.title = text;
    b.addEventListener('click', () => send({ type: 'copy', row, what }));
    copyButtons.set(row + ':' + what, b);
    return b;
  }

  /** @param {RecommendRow} r @param {number} i */
  function rowElement(r, i) {
    const tr = el('tr', 'rec plan-' + r.plan);
    const rank = el('td', 'rank', String(r.rank));
    tr.appendChild(rank);

    const model = el('th');
    model.setAttribute('scope', 'row');
    model.appendChild(el('span', 'name', r.name));
    if (r.where) model.appendChild(el('span', 'where', r.where));
    model.appendChild(el('span', 'sub', r.quant + ' · ' + r.sizeText));
    tr.appendChild(model);

    const plan = el('td', 'plan');
    plan.appendChild(el('span', 'fit', r.fitText));
    plan.appendChild(el('span', 'sub', r.planText));
    for (const n of r.notes) plan.appendChild(el('span', 'note', n));
    tr.appendChild(plan);

    tr.appendChild(el('td', 'num', r.decodeText));
    tr.appendChild(el('td', 'num', r.prefillText));
    tr.appendChild(el('td', 'num', r.memText));
    const quality = el('td', 'quality', r.qualityText);
    if (r.qualitySource) quality.title = r.qualitySource;
    tr.appendChild(quality);

    const run = el('td', 'run');
    run.appendChild(el('code', 'line', r.llamaServer));
    const buttons = el('div', 'buttons');
    buttons.appendChild(copyButton(i, 'llamaServer', 'Copy llama-server line', r.llamaServer));
    if (r.modelfile) buttons.appendChild(copyButton(i, 'modelfile', 'Copy Modelfile', r.modelfile));
    run.appendChild(buttons);
    if (r.modelfileNote) run.appendChild(el('span', 'note', r.modelfileNote));
    tr.appendChild(run);
    return tr;
  }

  /** @param {RecommendViewMessage} m */
  function render(m) {
    title.textContent = 'Best for ' + m.hardwareLabel;
    fillUses(m.uses, m.use);
    copyButtons.clear();
    const parts = [el('p', 'summary', m.heading)];
    if (!m.rows.length) {
      parts.push(el('p', 'problem', 'Nothing here reaches the minimum speed for this use.'));
    } else {
      const wrap = el('div', 'table-wrap');
      wrap.tabIndex = 0;
      const t = el('table', 'recs');
      t.appendChild(el('caption', 'sr-only', 'Models ranked for ' + m.use + ' on ' + m.hardwareLabel));
      const head = el('tr');
      for (const h of ['#', 'Model', 'Plan', 'Decode', 'Prefill', 'Memory', 'Quant quality', 'Run it']) {
        const th = el('th', undefined, h);
        th.setAttribute('scope', 'col');
        head.appendChild(th);
      }
      const thead = el('thead');
      thead.appendChild(head);
      t.appendChild(thead);
      const tbody = el('tbody');
      m.rows.forEach((r, i) => tbody.appendChild(rowElement(r, i)));
      t.appendChild(tbody);
      wrap.appendChild(t);
      parts.push(wrap);
    }
    if (m.tooSlowText) parts.push(el('p', 'muted', m.tooSlowText));
    parts.push(el('p', 'muted footnote', m.footnote));
    root.replaceChildren(...parts);
  }

  window.addEventListener('message', (event) => {
    const m = /** @type {RecommendToWebview} */ (event.data);
    if (!m || typeof m !== 'object') return;
    if (m.type === 'busy') {
      title.textContent = 'Best for ' + m.hardwareLabel;
      root.replaceChildren(el('p', 'muted', 'Ranking every model for ' + m.use + ' on ' + m.hardwareLabel + '…'));
    } else if (m.type === 'recommend') {
      render(m);
    } else if (m.type === 'copied') {
      const b = copyButtons.get(m.row + ':' + m.what);
      if (!b) return;
      const label = b.textContent;
      b.textContent = 'Copied';
      b.classList.add('done');
      setTimeout(() => {
        b.textContent = label;
        b.classList.remove('done');
      }, 1500);
    }
  });
  send({ type: 'ready' });
})();
