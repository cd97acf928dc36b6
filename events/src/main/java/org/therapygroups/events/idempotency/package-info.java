/**
 * Consumer-side idempotency: remember which event ids a consumer has processed, so a
 * redelivered event is not handled twice.
 *
 * <h2>Delivery and ordering guarantees this relies on</h2>
 * <ul>
 * <li>Kafka delivers at least once: after a crash, a rebalance or a failed commit the
 * same record comes again. Producers may also publish an outbox entry twice (same event
 * id). Deduplication is therefore by the CloudEvents {@code id}, per consumer name.</li>
 * <li>Order is guaranteed per partition only. The record key is the aggregate that needs
 * ordering (user id; group id for sessions, enrollment and attendance), so one
 * aggregate's events arrive in publication order. Handle one partition's records
 * sequentially and do not commit an offset before its record was handled.</li>
 * <li>A handler that keeps failing after the retries (or a record that cannot be read) is
 * parked on {@code <topic>.dlt}; later events of the same aggregate then proceed, so
 * handlers must tolerate gaps (e.g. compare versions or timestamps, upsert instead of
 * assuming a prior event was applied).</li>
 * </ul>
 *
 * <h2>The window this helper cannot close</h2>
 * {@link org.therapygroups.events.idempotency.IdempotentConsumer} records an id only
 * after the handler succeeded, so a failed handler is retried on redelivery. If the
 * process dies after the handler's own write and before the id is recorded, the event is
 * handled again. Without multi-document transactions this cannot be made atomic across
 * two documents, so <strong>every handler must be safe to run twice</strong>: write with
 * a deterministic id derived from the event ({@code insert} and treat a duplicate key as
 * done, or {@code upsert} with {@code $setOnInsert}), or keep the event id inside the
 * document the handler changes and filter on it in the same single-document update
 * ({@code {_id: x, appliedEventIds: {$ne: id}}} with {@code $push}). The processed-ids
 * store then only saves work; correctness comes from the handler. Two instances of the
 * same consumer can also run one event concurrently around a rebalance; the same rule
 * covers that.
 */
package org.therapygroups.events.idempotency;
