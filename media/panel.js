// Model Fit panel: builds the DOM from the JSON the extension posts (textContent only, never HTML strings).
// Runs under a strict CSP: no inline handlers, no inline styles in markup, no remote resources.
/** @typedef {import('../src/vscode/format/panelModel').PanelMessage} PanelMessage */
/** @typedef {import('../src/vscode/format/panelModel').PanelModel} PanelModel */
(function () {
  'use strict';
  // acquireVsCodeApi is injected by VS Code (declared in media/globals.d.ts)
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  const title = /** @type {HTMLElement} */ (document.getElementById('file-title'));

  /** @param {string} tag @param {string=} cls @param {string=} text */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  /** @param {string} tag @param {Record<string, string | number>} attrs */
  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  }
  const FIT_CLASS = { gpu: 'fit-gpu', partial: 'fit-partial', cpu: 'fit-cpu', none: 'fit-none' };

  for (const b of document.querySelectorAll('button[data-command]')) {
    b.addEventListener('click', () => vscode.postMessage({ type: 'command', command: b.getAttribute('data-command') }));
  }

  /** @param {HTMLElement} parent @param {string} heading @param {string} id */
  function section(parent, heading, id) {
    const s = el('section', 'block');
    s.setAttribute('aria-labelledby', id);
    const h = el('h3', undefined, heading);
    h.id = id;
    s.appendChild(h);
    parent.appendChild(s);
    return s;
  }

  /** Quantizations × contexts. */
  /** @param {HTMLElement} parent @param {PanelModel} m @param {number} idx */
  function grid(parent, m, idx) {
    const s = section(parent, 'Quantizations × context on ' + m.hardwareLabel + ' (decode speed with an empty context)', 'grid-' + idx);
    const wrap = el('div', 'table-wrap');
    wrap.tabIndex = 0;
    const t = el('table', 'grid');
    t.appendChild(el('caption', 'sr-only', 'Fit, memory and decode speed of ' + m.modelName + ' for each quantization and context size'));
    const head = el('tr');
    const corner = el('th', undefined, 'Quant \\ context');
    corner.setAttribute('scope', 'col');
    head.appendChild(corner);
    for (const c of m.grid.contexts) {
      const th = el('th', undefined, c.label);
      th.setAttribute('scope', 'col');
      head.appendChild(th);
    }
    const thead = el('thead');
    thead.appendChild(head);
    t.appendChild(thead);
    const tbody = el('tbody');
    m.grid.quants.forEach((q, i) => {
      const tr = el('tr');
      const th = el('th', undefined, q);
      th.setAttribute('scope', 'row');
      tr.appendChild(th);
      for (const cell of m.grid.rows[i]) {
        const td = el('td', 'cell ' + (FIT_CLASS[cell.fitLevel] || ''));
        if (cell.current) {
          td.classList.add('current');
          td.setAttribute('aria-current', 'true');
          td.title = 'The quantization and context this file asks for';
        }
        td.appendChild(el('span', 'fit', cell.fitText));
        if (cell.memText) td.appendChild(el('span', 'mem', cell.memText));
        if (cell.tpsText) td.appendChild(el('span', 'tps', cell.tpsText));
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    });
    t.appendChild(tbody);
    wrap.appendChild(t);
    s.appendChild(wrap);
    if (m.grid.note) s.appendChild(el('p', 'muted', m.grid.note));
  }

  /** Stacked bar of memory by kind against the device's limit line. */
  /** @param {HTMLElement} parent @param {PanelModel} m @param {number} idx */
  function bars(parent, m, idx) {
    const s = section(parent, 'Memory by kind', 'mem-' + idx);
    for (const b of m.bars) {
      const total = b.segments.reduce((a, x) => a + x.bytes, 0);
      const scale = Math.max(total, b.limitBytes) || 1;
      const row = el('div', 'bar-row');
      row.appendChild(el('div', 'bar-label', b.device + ': ' + b.totalText + (b.limitText ? ' of ' + b.limitText : '')));
      const bar = el('div', 'bar');
      bar.setAttribute('role', 'img');
      bar.setAttribute('aria-label', b.device + ': ' + b.segments.map((x) => x.label + ' ' + x.text).join(', ') + '; limit ' + b.limitText);
      for (const x of b.segments) {
        const seg = el('div', 'seg seg-' + x.kind);
        seg.style.width = ((100 * x.bytes) / scale).toFixed(2) + '%';
        seg.title = x.label + ': ' + x.text;
        bar.appendChild(seg);
      }
      if (b.limitBytes > 0) {
        const line = el('div', 'limit');
        line.style.left = Math.min(100, (100 * b.limitBytes) / scale).toFixed(2) + '%';
        line.title = b.limitText;
        bar.appendChild(line);
      }
      row.appendChild(bar);
      const legend = el('ul', 'legend');
      for (const x of b.segments) {
        const li = el('li');
        li.appendChild(el('span', 'swatch seg-' + x.kind));
        li.appendChild(document.createTextNode(x.label + ' ' + x.text));
        legend.appendChild(li);
      }
      row.appendChild(legend);
      s.appendChild(row);
    }
  }

  /** Decode tok/s as the context fills, with the low–high band. */
  /** @param {HTMLElement} parent @param {PanelModel} m @param {number} idx */
  function curve(parent, m, idx) {
    if (!m.curve.length) return;
    const s = section(parent, 'Decode speed as the context fills', 'curve-' + idx);
    const W = 520,
      H = 200,
      L = 48,
      R = 12,
      T = 12,
      B = 34;
    const maxD = Math.max(...m.curve.map((p) => p.depth)) || 1;
    const maxY = Math.max(...m.curve.map((p) => p.high)) * 1.05 || 1;
    const x = (/** @type {number} */ d) => L + ((W - L - R) * d) / maxD;
    const y = (/** @type {number} */ v) => T + (H - T - B) * (1 - v / maxY);
    const g = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img' });
    g.setAttribute('aria-label', 'Decode tok/s by context depth: ' + m.curve.map((p) => p.depthText + ' tokens ' + p.tpsText).join(', '));
    g.appendChild(svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, class: 'axis' }));
    g.appendChild(svg('line', { x1: L, y1: T, x2: L, y2: H - B, class: 'axis' }));
    const band = m.curve
      .map((p) => x(p.depth) + ',' + y(p.high))
      .concat(
        m.curve
          .slice()
          .reverse()
          .map((p) => x(p.depth) + ',' + y(p.low)),
      );
    g.appendChild(svg('polygon', { points: band.join(' '), class: 'band' }));
    g.appendChild(svg('polyline', { points: m.curve.map((p) => x(p.depth) + ',' + y(p.tps)).join(' '), class: 'line' }));
    for (const p of m.curve) {
      const c = svg('circle', { cx: x(p.depth), cy: y(p.tps), r: 3, class: 'dot' });
      const tt = svg('title', {});
      tt.textContent = p.depthText + ' tokens: ' + p.tpsText;
      c.appendChild(tt);
      g.appendChild(c);
    }
    // Tick labels from the right, each at least MIN_GAP from the last one drawn; the last ends at the axis, never clipped.
    const MIN_GAP = 44;
    let lastX = Infinity;
    m.curve
      .slice()
      .reverse()
      .forEach((p, i) => {
        const px = x(p.depth);
        if (lastX - px < MIN_GAP) return;
        const lab = svg('text', { x: px, y: H - B + 14, class: 'tick', 'text-anchor': i === 0 ? 'end' : 'middle' });
        lab.textContent = p.depthText;
        g.appendChild(lab);
        lastX = i === 0 ? px - MIN_GAP / 2 : px;
      });
    const top = svg('text', { x: L - 4, y: y(m.curve[0].tps) + 4, class: 'tick', 'text-anchor': 'end' });
    top.textContent = m.curve[0].tpsText.replace(' tok/s', '');
    g.appendChild(top);
    const xl = svg('text', { x: (L + W - R) / 2, y: H - 4, class: 'axis-label', 'text-anchor': 'middle' });
    xl.textContent = 'tokens already in context';
    g.appendChild(xl);
    const yl = svg('text', {
      x: 12,
      y: T + (H - T - B) / 2,
      class: 'axis-label',
      'text-anchor': 'middle',
      transform: 'rotate(-90 12 ' + (T + (H - T - B) / 2) + ')',
    });
    yl.textContent = 'tok/s';
    g.appendChild(yl);
    s.appendChild(g);
    const list = el('p', 'muted', m.curve.map((p) => p.depthText + ': ' + p.tpsText).join(' · '));
    s.appendChild(list);
  }

  /** @param {HTMLElement} parent @param {PanelModel} m @param {number} idx */
  function offload(parent, m, idx) {
    const s = section(parent, 'Offload split', 'split-' + idx);
    const bar = el('div', 'split');
    bar.setAttribute('role', 'img');
    bar.setAttribute('aria-label', m.offload.text);
    const gpu = el('div', 'split-gpu');
    gpu.style.width = ((100 * m.offload.gpuLayers) / (m.offload.totalLayers || 1)).toFixed(2) + '%';
    bar.appendChild(gpu);
    s.appendChild(bar);
    s.appendChild(el('p', undefined, m.offload.text));
    s.appendChild(el('p', 'muted', m.offload.timeText));
  }

  /** @param {HTMLElement} parent @param {PanelModel} m @param {number} idx */
  function profiles(parent, m, idx) {
    const s = section(parent, 'On other hardware', 'hw-' + idx);
    const wrap = el('div', 'table-wrap');
    wrap.tabIndex = 0;
    const t = el('table', 'profiles');
    t.appendChild(el('caption', 'sr-only', 'This configuration on each hardware profile'));
    const thead = el('thead');
    const hr = el('tr');
    for (const h of ['Hardware', 'Fit', 'GPU memory', 'RAM', 'Layers on GPU', 'Decode', 'Prefill', 'Energy']) {
      const th = el('th', undefined, h);
      th.setAttribute('scope', 'col');
      hr.appendChild(th);
    }
    thead.appendChild(hr);
    t.appendChild(thead);
    const tbody = el('tbody');
    for (const p of m.profiles) {
      const tr = el('tr');
      const th = el('th', undefined, p.label);
      th.setAttribute('scope', 'row');
      tr.appendChild(th);
      tr.appendChild(el('td', 'cell ' + (FIT_CLASS[p.fitLevel] || ''), p.fitText));
      for (const v of [p.gpuText, p.hostText, p.layersText, p.decodeText, p.prefillText, p.energyText])
        tr.appendChild(el('td', undefined, v));
      tbody.appendChild(tr);
    }
    t.appendChild(tbody);
    wrap.appendChild(t);
    s.appendChild(wrap);
  }

  /** @param {PanelModel} m @param {number} idx */
  function model(m, idx) {
    const art = el('article', 'model');
    art.setAttribute('aria-labelledby', 'model-' + idx);
    const h = el('h2', undefined, m.title);
    h.id = 'model-' + idx;
    art.appendChild(h);
    art.appendChild(el('p', 'muted', m.modelName + ' · ' + m.quant + ' · ' + m.provenance + ' · on ' + m.hardwareLabel));
    art.appendChild(el('p', 'summary ' + (FIT_CLASS[m.fitLevel] || ''), m.summary));
    art.appendChild(el('p', undefined, m.speedText));
    art.appendChild(el('p', undefined, m.ttftText));
    grid(art, m, idx);
    bars(art, m, idx);
    curve(art, m, idx);
    offload(art, m, idx);
    profiles(art, m, idx);
    if (m.warnings.length) {
      const ul = el('ul', 'warnings');
      for (const w of m.warnings) ul.appendChild(el('li', undefined, w));
      art.appendChild(ul);
    }
    return art;
  }

  /** @param {PanelMessage} msg */
  function render(msg) {
    title.textContent = 'Model Fit: ' + msg.fileName;
    root.replaceChildren();
    msg.models.forEach((m, i) => root.appendChild(model(m, i)));
    for (const p of msg.problems) {
      const d = el('div', 'problem');
      d.setAttribute('role', 'note');
      d.appendChild(el('strong', undefined, p.title + ': '));
      d.appendChild(document.createTextNode(p.message));
      root.appendChild(d);
    }
    if (!msg.models.length && !msg.problems.length) root.appendChild(el('p', 'muted', 'No model found in this file.'));
  }

  window.addEventListener('message', (ev) => {
    const msg = ev.data;
    if (!msg || msg.type !== 'update') return;
    vscode.setState(msg);
    render(msg);
  });
  const saved = /** @type {PanelMessage | undefined} */ (vscode.getState());
  if (saved && saved.type === 'update') render(saved);
  vscode.postMessage({ type: 'ready' });
})();
