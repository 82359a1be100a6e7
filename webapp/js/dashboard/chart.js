// A line chart of a rolling time window, drawn on a canvas without a library. It keeps its bitmap
// at the screen's pixel density, redraws when its box or the density changes, and keeps the
// canvas's aria-label (and a visible readout) on the latest figure.

const PAD = { left: 36, right: 10, top: 10, bottom: 20 };
const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';

export class LineChart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{title: string, unit?: string, windowMs?: number, gapMs?: number, readout?: HTMLElement}} options
   *   `gapMs`: samples further apart than this are not joined (a poll that failed is not a line)
   */
  constructor(canvas, options) {
    this.canvas = canvas;
    this.options = { unit: '', windowMs: 300_000, gapMs: Infinity, ...options };
    this.points = [];
    this.now = Date.now();
    this.note = '';
    new ResizeObserver(() => this.draw()).observe(canvas);
    watchPixelRatio(() => this.draw());
  }

  update(points, now = Date.now()) {
    this.points = points;
    this.now = now;
    this.note = '';
    this.draw();
  }

  /** Replaces the figures with a short note, e.g. why there are none. */
  showNote(note, now = Date.now()) {
    this.note = note;
    this.points = [];
    this.now = now;
    this.draw();
  }

  draw() {
    this.describe();
    const surface = this.prepare();
    if (!surface) return;
    const { ctx, width, height } = surface;
    const colors = this.colors();
    const plot = { left: PAD.left, top: PAD.top, right: width - PAD.right, bottom: height - PAD.bottom };
    ctx.clearRect(0, 0, width, height);
    ctx.font = FONT;
    const max = niceCeiling(Math.max(1, ...this.points.map((p) => p.v)));
    drawGrid(ctx, plot, max, colors);
    drawTimeAxis(ctx, plot, this.options.windowMs, colors);
    if (this.note) {
      drawNote(ctx, plot, this.note, colors);
    } else {
      drawSeries(ctx, plot, this.runs(), max, this.now - this.options.windowMs, this.options.windowMs, colors);
    }
  }

  /** Sizes the bitmap to the CSS box times the pixel ratio; null while the canvas is not laid out. */
  prepare() {
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    if (width === 0 || height === 0) return null;
    const ratio = window.devicePixelRatio || 1;
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    if (this.canvas.width !== pixelWidth || this.canvas.height !== pixelHeight) {
      this.canvas.width = pixelWidth;
      this.canvas.height = pixelHeight;
    }
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return { ctx, width, height };
  }

  /** Colours come from CSS custom properties, so the chart follows the light or dark theme. */
  colors() {
    const style = getComputedStyle(this.canvas);
    const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
    return {
      line: read('--chart-line', '#0b63c5'),
      fill: read('--chart-fill', 'rgba(11, 99, 197, 0.15)'),
      grid: read('--chart-grid', '#d8dde3'),
      text: read('--chart-text', '#5b6470'),
    };
  }

  /** Contiguous stretches of points, split where samples are more than `gapMs` apart. */
  runs() {
    const runs = [];
    let run = [];
    for (const point of this.points) {
      if (run.length > 0 && point.t - run[run.length - 1].t > this.options.gapMs) {
        runs.push(run);
        run = [];
      }
      run.push(point);
    }
    if (run.length > 0) runs.push(run);
    return runs;
  }

  describe() {
    const { title, unit } = this.options;
    const minutes = Math.round(this.options.windowMs / 60_000);
    let text;
    let readout;
    if (this.note) {
      text = `${title}: ${this.note}`;
      readout = ''; // the page shows the note beside the chart already
    } else if (this.points.length === 0) {
      text = `${title}: no figures yet`;
      readout = 'no figures yet';
    } else {
      const latest = this.points[this.points.length - 1].v;
      const peak = Math.max(...this.points.map((p) => p.v));
      text = `${title} over the last ${minutes} minutes: latest ${latest}${unit}, peak ${peak}${unit}`;
      readout = `latest ${latest}${unit} · peak ${peak}${unit}`;
    }
    if (this.canvas.getAttribute('aria-label') !== text) this.canvas.setAttribute('aria-label', text);
    if (this.options.readout && this.options.readout.textContent !== readout) this.options.readout.textContent = readout;
  }
}

/** 1, 2, 5, 10, 20, 50…: the smallest such value at or above `value`, so grid labels stay round. */
export function niceCeiling(value) {
  const scale = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * scale >= value) return step * scale;
  }
  return 10 * scale;
}

function drawGrid(ctx, plot, max, colors) {
  ctx.strokeStyle = colors.grid;
  ctx.fillStyle = colors.text;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const fraction of [0, 0.5, 1]) {
    const y = Math.round(plot.bottom - fraction * (plot.bottom - plot.top)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(plot.left, y);
    ctx.lineTo(plot.right, y);
    ctx.stroke();
    const value = fraction * max;
    ctx.fillText(Number.isInteger(value) ? String(value) : value.toFixed(1), plot.left - 6, y);
  }
}

function drawTimeAxis(ctx, plot, windowMs, colors) {
  ctx.fillStyle = colors.text;
  ctx.textBaseline = 'top';
  const y = plot.bottom + 5;
  const minutes = windowMs / 60_000;
  ctx.textAlign = 'left';
  ctx.fillText(`−${minutes} min`, plot.left, y);
  ctx.textAlign = 'center';
  ctx.fillText(`−${minutes / 2} min`, (plot.left + plot.right) / 2, y);
  ctx.textAlign = 'right';
  ctx.fillText('now', plot.right, y);
}

function drawNote(ctx, plot, note, colors) {
  ctx.fillStyle = colors.text;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(note, (plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2);
}

function drawSeries(ctx, plot, runs, max, start, windowMs, colors) {
  const x = (t) => plot.left + ((t - start) / windowMs) * (plot.right - plot.left);
  const y = (v) => plot.bottom - (v / max) * (plot.bottom - plot.top);
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.left, plot.top - 2, plot.right - plot.left + 2, plot.bottom - plot.top + 4);
  ctx.clip();
  for (const run of runs) {
    ctx.beginPath();
    run.forEach((p, i) => (i === 0 ? ctx.moveTo(x(p.t), y(p.v)) : ctx.lineTo(x(p.t), y(p.v))));
    ctx.strokeStyle = colors.line;
    ctx.lineWidth = 2;
    ctx.lineJoin = 'round';
    ctx.stroke();
    ctx.lineTo(x(run[run.length - 1].t), plot.bottom);
    ctx.lineTo(x(run[0].t), plot.bottom);
    ctx.closePath();
    ctx.fillStyle = colors.fill;
    ctx.fill();
  }
  const last = runs.at(-1)?.at(-1);
  if (last) {
    ctx.beginPath();
    ctx.arc(x(last.t), y(last.v), 3, 0, 2 * Math.PI);
    ctx.fillStyle = colors.line;
    ctx.fill();
  }
  ctx.restore();
}

/** Calls back when the pixel ratio changes (zoom, or the window moved to another screen). */
function watchPixelRatio(callback) {
  const query = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
  query.addEventListener('change', () => {
    callback();
    watchPixelRatio(callback);
  }, { once: true });
}
