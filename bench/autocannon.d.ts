// Minimal types for autocannon 9 (no @types package installed): only what bench/run.ts uses.
declare module 'autocannon' {
  namespace autocannon {
    interface Options { url: string; connections?: number; duration?: number; method?: string; headers?: Record<string, string>; body?: string }
    interface Histogram { average: number; p50: number; p99: number; total: number }
    interface Result { requests: Histogram; latency: Histogram; errors: number; timeouts: number; non2xx: number }
  }
  function autocannon(opts: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
