/**
 * One part of `npm run bench`: each part measures on its own, prints its table as it goes, and
 * hands back the markdown for docs/benchmarks.md with its targets marked met or missed.
 */
export interface BenchOptions {
  /** Small sizes so every part runs in well under three minutes together (CI runs this). */
  quick: boolean;
  /** Environment of the local store the bench started (URLs, ports, pool ids); parts that need no stack ignore it. */
  env: Record<string, string>;
}

export interface BenchTarget {
  name: string;
  met: boolean;
  /** The measured figure against the target, and when missed, what dominates and what would meet it. */
  detail: string;
}

export interface BenchSection {
  title: string;
  markdown: string;
  targets: BenchTarget[];
}

export type BenchPart = (options: BenchOptions) => Promise<BenchSection>;
