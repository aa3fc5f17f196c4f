import type { BusinessMetric, MetricsSink } from '@estore/core/metrics';

export interface RecordedMetric {
  name: BusinessMetric;
  value: number;
  dimensions: Record<string, string>;
}

/** A metrics sink that keeps what it is given, for tests of what a use case emits and how often. */
export class RecordingMetrics implements MetricsSink {
  readonly emitted: RecordedMetric[] = [];

  emit(name: BusinessMetric, value = 1, dimensions: Record<string, string> = {}): void {
    this.emitted.push({ name, value, dimensions });
  }

  /** The emitted metrics as `Name{dim=value}:value` strings, in order: short to assert on. */
  lines(): string[] {
    return this.emitted.map(({ name, value, dimensions }) => {
      const dims = Object.entries(dimensions).map(([k, v]) => `${k}=${v}`);
      return `${name}${dims.length ? `{${dims.join(',')}}` : ''}:${value}`;
    });
  }
}
