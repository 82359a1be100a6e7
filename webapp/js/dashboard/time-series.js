// Rolling figures for the charts. Points are {t: epoch ms, v: number}.

/** Counts in one-second buckets over a rolling window. */
export class SecondBuckets {
  constructor(seconds = 300) {
    this.seconds = seconds;
    this.counts = new Map();
  }

  count(now = Date.now()) {
    const second = Math.floor(now / 1000);
    this.counts.set(second, (this.counts.get(second) ?? 0) + 1);
    this.prune(second);
  }

  /** Complete seconds only: the current one is still filling and would dip the line's end. */
  points(now = Date.now()) {
    const current = Math.floor(now / 1000);
    this.prune(current);
    const points = [];
    for (let second = current - this.seconds; second < current; second++) {
      points.push({ t: second * 1000, v: this.counts.get(second) ?? 0 });
    }
    return points;
  }

  prune(current) {
    for (const second of this.counts.keys()) {
      if (second < current - this.seconds) this.counts.delete(second);
    }
  }
}

/** Samples taken now and then (a poll), kept for a rolling window. */
export class Samples {
  constructor(windowMs = 300_000) {
    this.windowMs = windowMs;
    this.samples = [];
  }

  add(value, now = Date.now()) {
    this.samples.push({ t: now, v: value });
  }

  points(now = Date.now()) {
    const start = now - this.windowMs;
    while (this.samples.length > 0 && this.samples[0].t < start) this.samples.shift();
    return this.samples;
  }
}
