package org.therapygroups.notes.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the audit chain's head is anchored outside the database.
 *
 * @param checkpointInterval the longest time between two checkpoints while entries are
 * written
 * @param checkpointEvery a checkpoint after at most this many new entries
 */
@ConfigurationProperties("therapy.notes.audit")
public record AuditProperties(@DefaultValue("30s") Duration checkpointInterval,
		@DefaultValue("1000") int checkpointEvery) {

}
