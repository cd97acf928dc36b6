package org.therapygroups.notes.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether content is encrypted and every access audited: always, except in the
 * benchmark's comparison run. Switching protection off needs two properties together,
 * {@code therapy.notes.benchmark.enabled} and
 * {@code therapy.notes.benchmark.unprotected}, neither of which any configuration file or
 * environment variable of the service sets, and it is logged as an error at start-up so
 * it cannot go unnoticed.
 */
@Component
public class Protection {

	private static final Logger log = LoggerFactory.getLogger(Protection.class);

	private final boolean on;

	Protection(Environment environment) {
		boolean benchmark = environment.getProperty("therapy.notes.benchmark.enabled", Boolean.class, false);
		boolean unprotected = environment.getProperty("therapy.notes.benchmark.unprotected", Boolean.class, false);
		this.on = !(benchmark && unprotected);
		if (!this.on) {
			log.error("BENCHMARK MODE: notes content is stored UNENCRYPTED and accesses are NOT AUDITED. "
					+ "Never run this against real data.");
		}
		else if (unprotected) {
			log.warn("therapy.notes.benchmark.unprotected is ignored outside benchmark mode");
		}
	}

	/**
	 * Whether encryption and auditing are on.
	 * @return {@code true} except in the benchmark's comparison run
	 */
	public boolean isOn() {
		return this.on;
	}

}
