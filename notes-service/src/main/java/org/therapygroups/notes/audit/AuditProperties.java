package org.therapygroups.notes.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the audit chain's head is anchored outside the database, and when the relay
 * steps in.
 *
 * @param checkpointInterval the longest time between two checkpoints while entries are
 * written
 * @param checkpointEvery a checkpoint after at most this many new entries
 * @param relayGrace how old a pending record must be before the relay moves it: the
 * writer moves its own right after its change, and a relay racing it would only append
 * the same record twice over
 * @param tidyDelay how long appended records stay in their documents and the head
 * document trails the chain at most, so that one write takes out what several saves left
 */
@ConfigurationProperties("therapy.notes.audit")
public record AuditProperties(@DefaultValue("30s") Duration checkpointInterval,
		@DefaultValue("1000") int checkpointEvery, @DefaultValue("5s") Duration relayGrace,
		@DefaultValue("100ms") Duration tidyDelay) {

}
