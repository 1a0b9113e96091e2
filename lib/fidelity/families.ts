/**
 * The model families on /fidelity: each names the theory a family of rows is checked against. The
 * ids are the page's anchors (`/fidelity#mm1`), so labs can link to their rows.
 */
export const FIDELITY_FAMILIES = {
  mm1: { title: "M/M/1", reference: "One worker, Poisson arrivals, exponential service: Wq = ρ/(μ − λ); response time is exponential with rate μ − λ." },
  mmc: { title: "M/M/c (Erlang C)", reference: "c workers sharing one queue: Wq = C(c, a)/(cμ − λ), with C the Erlang C probability of waiting." },
  md1: { title: "M/D/1", reference: "Constant service, Pollaczek–Khinchine: Wq = ρ S / (2(1 − ρ)), half the M/M/1 wait." },
  mm1k: { title: "M/M/1/K", reference: "A waiting room of K − 1: the share of arrivals refused is (1 − ρ)ρ^K / (1 − ρ^(K+1))." },
  "load-balancing": { title: "Load balancing", reference: "Random choice gives n M/M/1 queues; power of two choices follows the supermarket model (its n → ∞ limit); round robin gives E_n/M/1 queues; least connections (join the shortest queue) lies between one pooled M/M/c queue and random's M/M/1 queues." },
  "cache-eviction": { title: "Cache eviction under Zipf", reference: "LRU against Che's approximation; FIFO against its random-eviction counterpart (independent reference model)." },
  "cache-ttl": { title: "TTL caches", reference: "An entry lives T from the miss that stored it: hit ratio λT/(1 + λT) per key." },
  "rate-limiting": { title: "Rate limiting", reference: "A token bucket admits at most burst + rate × t in every window of length t; a sliding log at most its limit per window." },
  retries: { title: "Retries", reference: "Independent failures with probability p, at most n attempts: 1 + p + … + p^(n−1) attempts per call, success 1 − pⁿ." },
  "circuit-breaker": { title: "Circuit breaker", reference: "Resilience4j's definition: open when the window's failure rate reaches the threshold; admit exactly the permitted probes when half-open." },
  "closed-loop": { title: "Closed loops", reference: "The interactive response-time law R = N/X − Z, and mean value analysis for one exponential server." },
  pools: { title: "Pools and competing consumers", reference: "A connection pool of c connections and c single-thread consumers on one queue are both M/M/c: Erlang C." },
  saga: { title: "Sagas", reference: "Accounting: started = completed + compensated + inconsistent + running; independent step failures complete with probability Π(1 − p_i)." },
  replication: { title: "Replication", reference: "Quorum intersection: with R + W > N every read quorum meets the latest write quorum, so (with read repair) the register is linearizable; synchronous replication with reads from the leader is too. Checked on each run's history. Also: the PBS miss probability C(N−W, R) / C(N, R) for uniformly chosen quorums without repair (Bailis et al., VLDB 2012), monotonic reads with and without sticky sessions (Terry et al. 1994), and what last-writer-wins, version vectors and a G-counter CRDT keep of concurrent writes." },
  partitioning: { title: "Partitioning", reference: "Hashing keys onto n nodes: modulo moves n/(n+1) of keys when a node joins, a consistent-hash ring 1/(n+1); with v uniform points per node a node's share is Beta(v, (n−1)v); bounded loads cap every node at ⌈(1+ε)·m/n⌉ (Mirrokni, Thorup, Zadimoghaddam 2018)." },
  "anti-entropy": { title: "Merkle-tree anti-entropy", reference: "Two replicas compare hash trees top down: k divergent leaves in a tree of depth d cost at most 1 + 2·k·d hashes, exactly 1 + 2d for one." },
  "sync-chains": { title: "Synchronous chains and queues", reference: "A chain of synchronous hops with independent failures q_i succeeds with probability Π(1 − q_i), and its latencies add; behind a queue, the front end's success counts only the hops before the queue, and a consumer outage of D seconds becomes a backlog of about λD messages." },
  "fan-out": { title: "Fan-out and hedging", reference: "A request waiting for n independent sub-requests, each slow with probability p, is slow with probability 1 − (1 − p)^n (Dean & Barroso, 2013); a hedge after d ms makes a sub-request slow only when both copies are, at P(X > d) extra requests." },
  consensus: { title: "Consensus (Raft)", reference: "Raft's safety properties (Ongaro & Ousterhout 2014, Figure 3): at most one leader per term, log matching, no committed entry lost, checked after every step; randomized election timeouts make split votes rare (§9.3)." },
  streaming: { title: "Event time, windows and watermarks", reference: "The Dataflow model (Akidau et al., VLDB 2015): with a perfect watermark each window gets one on-time pane equal to the batch result; when a heuristic watermark runs ahead, late panes repair it, so discarding panes add up to the batch sum and the last accumulating pane equals it; an element later than watermark + allowed lateness is dropped (or side-output); sessions merge exactly when a gap is under the timeout. Checkpoints: after a restore from an aligned barrier snapshot the state is exact, and the output is too only with a transactional sink; a plain sink repeats what it wrote since the checkpoint." },
  batch: { title: "Batch jobs", reference: "A MapReduce-like job (Dean & Ghemawat, OSDI 2004) ends with its slowest task: behind the shuffle barrier the critical path is the slowest map then the slowest reduce; backup copies of the last tasks never slow it and cut straggler delays; a reducer's time follows its share of the records, h + (1 − h)/R with a hot key of share h, h/S + (1 − h)/R when the key is salted S ways; lineage re-runs only a lost partition's task." },
  "littles-law": { title: "Little's law", reference: "L = λW: the time-average number of requests in the system equals the arrival rate times the mean time in the system." },
} as const;

export type FidelityFamily = keyof typeof FIDELITY_FAMILIES;
