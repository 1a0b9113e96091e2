/**
 * The worked solution of every chapter <Challenge>, as settings of its exposed fields: the content
 * test runs each challenge as shipped (it must fail) and with these settings (it must pass). Keep the
 * values the same as the challenge's <Solution> prose says.
 */
export const challengeSolutions: Record<string, Record<string, number | string | boolean | null>> = {
  // how-labs-work
  "how-labs-work-headroom": { "producer.ratePerSec": 95, "consumer.workers": 2 },
  // autoscaling-capacity
  "autoscaling-n-plus-one": { "pool.workers": 4 },
  "autoscaling-morning-ramp": { "pool.scheduledMinInstances": 17, "pool.preScaleLeadMs": 120000 },
  "autoscaling-stop-flapping": { "pool.cooldownMs": 60000, "pool.scaleInThreshold": 0.3, "pool.scaleOutThreshold": 0.8 },
  // bulkheads-and-load-shedding
  "protect-checkout": { "recs-pool.maxConcurrent": 10, "recs-pool.timeoutMs": 200, "recs-pool.fallback": "default" },
  "shed-the-right-work": { "shedder.policy": "priority" },
  "size-the-queue": { "api.queueCapacity": 10 },
  // caching-strategies
  "cache-size-it": { "cache.capacity": 1800 },
  "cache-pick-a-policy": { "cache.policy": "lfu", "cache.capacity": 400 },
  "cache-cool-the-hot-shard": { "l1.capacity": 10, "l1.ttlMs": 1000 },
  // circuit-breaker
  "protect-the-shop": { "recs-breaker.fallback": "ok", "recs-breaker.windowSize": 10, "recs-breaker.minimumNumberOfCalls": 10, "recs-breaker.permittedCallsInHalfOpen": 1 },
  "trip-on-slowness": { "recs-breaker.slowCallDurationMs": 1000, "recs-breaker.slowCallRateThreshold": 0.5, "recs-breaker.fallback": "ok" },
  // how-labs-work
  // service-decomposition
  "decomp-lean-menu-service": { "menu-service.targetUtilization": 0.8, "menu-service.coldStartMs": 5000, "menu-service.metricWindowMs": 10000, "menu-service.evaluateEveryMs": 5000 },
  // failure-modes
  "failures-stop-cascade": { "payments-client.timeoutMs": 300 },
  "failures-tame-herd": { "clients.backoff": "exponential", "clients.jitter": "full" },
  "failures-break-cycle": { "a-to-b.timeoutMs": 500, "a-to-b.poolSize": 7, "a-to-b.poolQueueCapacity": 0 },
  // outbox-and-cdc
  "outbox-billing-copy": { "order-service.mode": "outbox", "order-service.relayIntervalMs": 500, "order-service.batchSize": 500, "order-service.dedupe": true, "order-service.messageKey": "aggregate" },
  // event-sourcing-cqrs
  "es-fresh-read-model": { "read-model.partitions": 4, "read-model.dedupe": true },
  // disaster-recovery
  "dr-failover-budget": { "db.replicationLagMs.medianMs": 200, "db.failoverMs": 2000, "db.readYourWritesMs": 1000 },
  // relational-scaling
  "relational-fresh-replicas": { "db.replicationLagMs.medianMs": 20 },
  // pub-sub-and-integration
  "pubsub-keep-the-topic-healthy": { "email.workers": 2 },
  // notifications-and-email
  "notifications-every-sms-in-time": { "provider-limit.onLimit": "delay", "provider-limit.maxDelayMs": 30000, "provider-limit.ratePerSec": 35 },
  // idempotency-and-concurrency
  "idem-fast-and-once": { "publisher.timeoutMs": 200 },
  // key-value-stores
  "kv-throttle-hot-key": { "limiter.ratePerSec": 150 },
  // load-balancing-algorithms
  "lb-tame-the-slow-server": { "lb.strategy": "least-connections", "users.ratePerSec": 1150 },
  "lb-warm-caches": { "lb.strategy": "consistent-hash", "lb.virtualNodes": 100 },
  "lb-heavy-clients": { "lb.strategy": "least-connections", "users.ratePerSec": 1150 },
  // message-queues
  "queues-right-size-consumer": { "consumer.workers": 2, "consumer.queueCapacity": 50 },
  "queues-slow-consumer-rescue": { "dispatch.strategy": "least-response-time", "producer.ratePerSec": 200 },
  "queues-visibility-budget": { "orders-queue.visibilityTimeoutMs": 90000, "worker.heartbeat": true },
  // microservices-anti-patterns
  "anti-sale-day": { "product-page.calls.mode": "parallel", "product-page.workers": 10 },
  // rate-limiters
  "rate-limiting-protect-api": { "limiter.ratePerSec": 170, "limiter.burst": 20 },
  "rate-limiting-retry-storm": { "clients.honorRetryAfter": true, "clients.jitter": "full", "clients.backoff": "exponential", "clients.maxAttempts": 3 },
  // sagas-distributed-transactions
  "sagas-size-lock-slots": { "inventory-db.workers": 10 },
  "sagas-clean-compensation": { "orchestrator.compensationRetries": 5, "orchestrator.compensationBackoffMs": 200, "hotel-client.timeoutMs": 1000 },
  "sagas-unblock-2pc": { "inventory.workers": 64 },
  // timeouts-and-retries
  "stop-the-storm": { "db-client.maxAttempts": 3, "db-client.backoffBaseMs": 100, "db-client.jitter": "full", "db-client.retryBudgetRatio": 0.1, "db-client.propagateDeadline": true },
  "cheap-tail": { "client.hedgeDelayMs": 60 },
  "deadline-fit": { "orders-client.propagateDeadline": true, "orders-client.timeoutMs": 600, "orders-client.maxAttempts": 3 },
  // consistency-models
  "consistency-sessions": { "register.replication": "sync" },
  // consensus-and-coordination
  "consensus-calm-elections": { "cluster.electionTimeoutMaxMs": 300, "cluster.heartbeatMs": 100 },
  // data-ownership
  "ownership-size-each-database": { "orders-db.workers": 8, "analytics-db.workers": 2 },
  // sync-async-communication
  "fast-enough-search": { "leaf-client.hedgeDelayMs": 31 },
  // kafka-event-streaming
  "calm-rebalances": { "events.rebalance": "cooperative-sticky", "events.consumers": 5 },
  // document-databases
  "docdb-failover-budget": { "db.replicationLagMs.medianMs": 100, "db.failoverMs": 4000, "db.readYourWritesMs": 2000 },
};
