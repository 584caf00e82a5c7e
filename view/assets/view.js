// gauntlet view, in the browser: sortable and filterable tables, Chart.js charts, and the Live panel.
(() => {
  'use strict';

  // Sortable tables: click a header; numbers (data-sort, else the text) sort as numbers.
  for (const table of document.querySelectorAll('table.sortable')) {
    table.querySelectorAll('th').forEach((th, col) => {
      th.addEventListener('click', () => {
        const body = table.tBodies[0];
        const dir = th.dataset.dir === 'asc' ? -1 : 1;
        th.dataset.dir = dir === 1 ? 'asc' : 'desc';
        const key = (tr) => {
          const td = tr.children[col];
          return td ? (td.dataset.sort ?? td.textContent.trim()) : '';
        };
        const rows = [...body.rows].sort((a, b) => {
          const x = key(a), y = key(b);
          const nx = Number(x), ny = Number(y);
          return dir * (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y));
        });
        body.append(...rows);
      });
    });
  }

  // Text filters over a table's rows.
  for (const input of document.querySelectorAll('input.filter')) {
    const table = document.querySelector(input.dataset.filter);
    input.addEventListener('input', () => {
      const q = input.value.trim().toLowerCase();
      for (const tr of table.tBodies[0].rows) tr.hidden = q !== '' && !tr.textContent.toLowerCase().includes(q);
    });
  }

  // Charts, from the JSON the server embeds.
  const dataEl = document.getElementById('chart-data');
  if (dataEl && window.Chart) {
    const data = JSON.parse(dataEl.textContent);
    const palette = ['#2f6fd6', '#d0453b', '#2e9e5b', '#c77700', '#7b4fc9', '#138a8a', '#8a8f99'];
    const pctAxis = { min: 0, max: 100, ticks: { callback: (v) => v + '%' } };
    const common = { responsive: true, maintainAspectRatio: false, animation: false };
    for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
      const kind = canvas.dataset.chart;
      const i = Number(canvas.dataset.i ?? 0);
      if (kind === 'categories') {
        const c = data.categories[i];
        new Chart(canvas, {
          type: 'bar',
          data: { labels: c.labels, datasets: c.arms.map((a, j) => ({ label: a.arm, data: a.values.map((v) => (v === null ? null : v * 100)), backgroundColor: palette[j % palette.length] })) },
          options: { ...common, scales: { y: pctAxis } },
        });
      } else if (kind === 'operators') {
        const c = data.operators[i];
        new Chart(canvas, {
          type: 'bar',
          data: { labels: c.labels, datasets: [{ label: 'mutation score', data: c.values.map((v) => (v === null ? null : v * 100)), backgroundColor: c.values.map((v) => (v === null ? '#8a8f99' : v >= 0.8 ? '#2e9e5b' : v >= 0.6 ? '#c77700' : '#d0453b')) }] },
          options: { ...common, indexAxis: 'y', scales: { x: pctAxis }, plugins: { legend: { display: false } } },
        });
      } else if (kind === 'timeline') {
        const t = data.timeline;
        const t0 = Math.min(...t.series.map((s) => Date.parse(s.points[0].t)));
        const t1 = Math.max(...t.series.map((s) => Date.parse(s.points[s.points.length - 1].t)));
        // Seconds for short runs, minutes up to a few hours, hours beyond.
        const [unit, ms] = t1 - t0 < 120e3 ? ['seconds', 1e3] : t1 - t0 < 6 * 3600e3 ? ['minutes', 60e3] : ['hours', 3600e3];
        const min = (iso) => (Date.parse(iso) - t0) / ms;
        const top = Math.max(1, ...t.series.map((s) => s.points[s.points.length - 1].done));
        const datasets = t.series.map((s, j) => ({ type: 'line', label: s.phase, data: s.points.map((p) => ({ x: min(p.t), y: p.done })), borderColor: palette[j % palette.length], pointRadius: 0, stepped: true }));
        if (t.waits.length) datasets.push({ type: 'scatter', label: 'waits (rate limit / quota)', data: t.waits.map((w) => ({ x: min(w.t), y: top })), backgroundColor: '#c77700', pointStyle: 'triangle', pointRadius: 6 });
        if (t.crashes.length) datasets.push({ type: 'scatter', label: 'crashes', data: t.crashes.map((c) => ({ x: min(c.t), y: top })), backgroundColor: '#d0453b', pointStyle: 'crossRot', pointRadius: 8, borderColor: '#d0453b', borderWidth: 2 });
        new Chart(canvas, { type: 'line', data: { datasets }, options: { ...common, parsing: true, scales: { x: { type: 'linear', title: { display: true, text: `${unit} since the first unit` } }, y: { beginAtZero: true, title: { display: true, text: 'units finished' } } } } });
      }
    }
  }

  // Live: poll the run's status until it is finished; reload once at the end for the final tables.
  const live = document.getElementById('live');
  if (live && live.dataset.finished !== 'true') {
    const set = (k, v) => {
      const el = live.querySelector(`[data-live="${k}"]`);
      if (el) el.textContent = v;
      // The run's totals line above the panel shows the same counters.
      const total = document.querySelector(`[data-total="${k}"]`);
      if (total) total.textContent = v;
    };
    const n = (x) => Number(x).toLocaleString('en-US');
    const tick = async () => {
      try {
        const r = await fetch(live.dataset.api, { cache: 'no-store' });
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        const s = await r.json();
        set('state', s.state);
        live.querySelector('[data-live="state"]').className = `state state-${s.state}`;
        set('headline', s.headline === s.state ? '' : s.headline);
        set('done', n(s.done));
        set('total', s.total === null ? '?' : n(s.total));
        set('passed', n(s.passed));
        set('failed', n(s.failed));
        set('errors', n(s.errors));
        set('cost', '$' + s.cost_usd.toFixed(s.cost_usd !== 0 && s.cost_usd < 0.01 ? 4 : 2));
        set('updated', s.updated_at);
        set('problem', s.progress_problem ?? '');
        const bar = live.querySelector('[data-live-bar]');
        if (bar && s.total) {
          bar.max = s.total;
          bar.value = s.done;
        }
        const waits = live.querySelector('[data-live="waits"]');
        waits.replaceChildren(
          ...s.waiting.map((w) => {
            const li = document.createElement('li');
            li.textContent = `${w.provider} ${w.failure_class} in ${w.phase} since ${w.since}: next retry at ${w.next_retry_at}`;
            return li;
          }),
        );
        if (s.finished) return location.reload();
      } catch (e) {
        set('problem', `live update failed: ${e.message}; retrying`);
      }
      setTimeout(tick, 2000);
    };
    setTimeout(tick, 2000);
  }
})();
