package org.therapygroups.platform.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which collections carry an {@code outbox} array, and how often the relay looks.
 *
 * @param collections the collections whose documents may hold pending events
 * @param interval how often the events of documents written since the last run are
 * published
 * @param sweepDelay when the first scan of whole collections runs after start
 * @param sweepInterval how often whole collections are scanned for events nobody
 * remembered (written by an instance that stopped before it published them)
 * @param batch how many documents one pass reads
 * @param bumpVersion whether publishing also increments the {@code version} of a document
 * that has one, so a writer holding an older copy (with the published event still in it)
 * retries instead of writing the event back; for documents saved whole with optimistic
 * locking
 */
@ConfigurationProperties("therapy.outbox")
public record OutboxProperties(@DefaultValue List<String> collections, @DefaultValue("500ms") Duration interval,
		@DefaultValue("10s") Duration sweepDelay, @DefaultValue("5m") Duration sweepInterval,
		@DefaultValue("200") int batch, @DefaultValue("false") boolean bumpVersion) {

}
