package org.therapygroups.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A component that is a JVM keeping an {@link AheadOfTimeCache} of its start: on two
 * cores the stack's start is bound by the CPU every process spends loading and linking
 * classes, so each JVM of the stack maps what its earlier starts loaded.
 */
abstract class JvmComponent extends Component {

	private final AheadOfTimeCache aheadOfTime;

	JvmComponent(String name, StackConfig config) {
		super(name, config);
		this.aheadOfTime = new AheadOfTimeCache(config.dataDir().resolve("app"), name);
	}

	/**
	 * The command line.
	 * @param cacheOptions the JVM options for the ahead-of-time cache, where the JVM
	 * takes its options from the command line
	 * @return the command line
	 */
	abstract List<String> command(List<String> cacheOptions) throws IOException;

	/**
	 * The environment.
	 * @param cacheOptions the JVM options for the ahead-of-time cache, where the JVM
	 * takes its options from the environment (a start script's)
	 * @return the extra environment
	 */
	Map<String, String> environment(List<String> cacheOptions) {
		return Map.of();
	}

	/**
	 * The files, or folders of files, the cache is made from: a change drops the cache.
	 */
	abstract List<Path> cacheInputs();

	/** Unpacking, formatting and the like, before the cache is checked against them. */
	void prepareFiles() throws IOException, InterruptedException {
	}

	@Override
	final void prepare() throws IOException, InterruptedException {
		prepareFiles();
		List<Path> inputs = new ArrayList<>(cacheInputs());
		// the JDK's own classes are part of every cache
		inputs.add(this.config.javaHome().resolve("lib/modules"));
		this.aheadOfTime.discardIfOlderThan(inputs);
	}

	@Override
	final List<String> command() throws IOException {
		return command(this.aheadOfTime.startOptions());
	}

	@Override
	final Map<String, String> environment() {
		return environment(this.aheadOfTime.startOptions());
	}

	/**
	 * Starts assembling the cache from what the run that just stopped recorded, if there
	 * is such a recording and no cache yet.
	 * @return the assembling process, or empty if there is nothing to do
	 */
	Optional<Process> assembleAheadOfTimeCache() throws IOException {
		Optional<List<String>> options = this.aheadOfTime.assemblyOptions();
		if (alive() || options.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(processBuilder(command(options.get()), environment(options.get())).start());
	}

	/** Drops a recording (and a half-written cache) whose assembly failed. */
	void discardAheadOfTimeCache() throws IOException {
		this.aheadOfTime.discard();
	}

	/** Done with the recording once the cache exists. */
	void aheadOfTimeCacheAssembled() throws IOException {
		this.aheadOfTime.assembled();
	}

}
