package org.therapygroups.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A JVM's ahead-of-time cache (JEP 483): the classes a process loads and links at start,
 * kept ready to map. The first start records them, the cache is assembled from that
 * recording once the process has stopped, and every later start maps it instead of
 * loading, verifying and linking those classes again.
 */
final class AheadOfTimeCache {

	/**
	 * The JVM's notes on its caches (and on classes it leaves out) stay out of the log.
	 */
	private static final List<String> QUIET = List.of("-Xlog:aot=off", "-Xlog:cds=off");

	private final Path cache;

	private final Path recording;

	AheadOfTimeCache(Path folder, String name) {
		this.cache = folder.resolve(name + ".aot");
		this.recording = folder.resolve(name + ".aotconf");
	}

	/**
	 * The options for a start: map the cache, or record for one if there is none yet.
	 * @return JVM options
	 */
	List<String> startOptions() {
		List<String> options = new ArrayList<>();
		if (Files.exists(this.cache)) {
			options.add("-XX:AOTCache=" + this.cache);
		}
		else {
			options.addAll(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + this.recording));
		}
		options.addAll(QUIET);
		return options;
	}

	/**
	 * The options that assemble the cache from the recording, if there is one to
	 * assemble.
	 * @return JVM options, or empty when there is nothing to do
	 */
	Optional<List<String>> assemblyOptions() {
		if (!Files.exists(this.recording) || Files.exists(this.cache)) {
			return Optional.empty();
		}
		List<String> options = new ArrayList<>(
				List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + this.recording, "-XX:AOTCache=" + this.cache));
		options.addAll(QUIET);
		return Optional.of(options);
	}

	/** Done with the recording once the cache exists. */
	void assembled() throws IOException {
		Files.deleteIfExists(this.recording);
	}

	/** Drops the cache and any recording, so the next start records anew. */
	void discard() throws IOException {
		Files.deleteIfExists(this.cache);
		Files.deleteIfExists(this.recording);
	}

	/**
	 * Drops a cache (or recording) made before any of these files last changed: a JVM
	 * refuses a cache whose class path or JDK changed, and would then neither use it nor
	 * record a new one.
	 * @param inputs files, or folders whose files count, the cache was made from
	 */
	void discardIfOlderThan(List<Path> inputs) throws IOException {
		Files.createDirectories(this.cache.getParent());
		Path made = Files.exists(this.cache) ? this.cache : this.recording;
		if (!Files.exists(made)) {
			return;
		}
		FileTime madeAt = Files.getLastModifiedTime(made);
		for (Path input : inputs) {
			if (newerThan(input, madeAt)) {
				discard();
				return;
			}
		}
	}

	private static boolean newerThan(Path input, FileTime time) throws IOException {
		if (!Files.exists(input)) {
			return false;
		}
		if (!Files.isDirectory(input)) {
			return Files.getLastModifiedTime(input).compareTo(time) > 0;
		}
		try (Stream<Path> files = Files.walk(input)) {
			return files.filter(Files::isRegularFile).anyMatch((file) -> {
				try {
					return Files.getLastModifiedTime(file).compareTo(time) > 0;
				}
				catch (IOException ex) {
					return true;
				}
			});
		}
	}

}
