package org.therapygroups.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process of the stack: how to start it, how to know it is healthy, and how to stop
 * it together with every process it started (Keycloak's script starts a JVM).
 */
abstract class Component {

	private final String name;

	protected final StackConfig config;

	private Process process;

	private Instant startedAt;

	private Duration startupTime;

	/** Processes this one started, remembered so they can be stopped after it died. */
	private volatile List<ProcessHandle> children = List.of();

	Component(String name, StackConfig config) {
		this.name = name;
		this.config = config;
	}

	String name() {
		return this.name;
	}

	/** The ports this component binds; checked before anything starts. */
	abstract List<Integer> ports();

	/** The command line; the working directory is the stack's data folder. */
	abstract List<String> command() throws IOException;

	Map<String, String> environment() {
		return Map.of();
	}

	/**
	 * JVM options for a heap that grows only as far as the process needs and gives back
	 * what a collection frees, instead of keeping 40 to 70 % spare.
	 */
	static final List<String> HEAP_AS_NEEDED = List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

	/** One-time preparation such as formatting storage or unpacking a distribution. */
	void prepare() throws IOException, InterruptedException {
	}

	/** Whether the component answers as it should; must return quickly. */
	abstract boolean healthy();

	/** What the user is told once it is healthy, such as its address. */
	abstract String address();

	Path logFile() {
		return this.config.logFile(this.name);
	}

	void start() throws IOException {
		Path log = logFile();
		Files.writeString(log, "%n===== %s starting %s =====%n".formatted(Instant.now(), this.name),
				StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		ProcessBuilder builder = processBuilder(command(), environment());
		this.startedAt = Instant.now();
		this.process = builder.start();
		// written beside and moved into place, so `./run stop` never reads a half-written
		// file
		Path written = pidFile().resolveSibling(this.name + ".pid.new");
		Files.writeString(written, Long.toString(this.process.pid()));
		Files.move(written, pidFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * A process of this component: in the data folder, its output appended to the log.
	 * @param command the command line
	 * @param environment what it adds to the launcher's environment
	 * @return the builder
	 */
	ProcessBuilder processBuilder(List<String> command, Map<String, String> environment) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.config.dataDir().toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		// glibc gives each thread that allocates natively an arena of its own: tens of
		// MiB of resident memory per JVM for nothing on a developer's machine
		builder.environment().put("MALLOC_ARENA_MAX", "2");
		builder.environment().putAll(environment);
		return builder;
	}

	Path pidFile() {
		return this.config.pidDir().resolve(this.name + ".pid");
	}

	boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	Optional<Integer> exitCode() {
		return (this.process != null && !this.process.isAlive()) ? Optional.of(this.process.exitValue())
				: Optional.empty();
	}

	void markHealthy() {
		this.startupTime = Duration.between(this.startedAt, Instant.now());
	}

	Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * Remembers the process's descendants while it lives: once it is dead they are
	 * re-parented and can no longer be found through it.
	 */
	void rememberChildren() {
		if (alive()) {
			this.children = this.process.descendants().toList();
		}
	}

	/** Stops what a dead process left behind (kc.sh's JVM, for instance). */
	void stopOrphans() {
		this.children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		this.children = List.of();
	}

	/** The last lines of the log, for a report on a crash. */
	List<String> logTail(int lines) {
		try (var all = Files.lines(logFile(), StandardCharsets.UTF_8)) {
			java.util.Deque<String> tail = new java.util.ArrayDeque<>(lines);
			all.forEach((line) -> {
				if (tail.size() == lines) {
					tail.removeFirst();
				}
				tail.addLast(line);
			});
			return List.copyOf(tail);
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			return List.of("(log unreadable: " + ex.getMessage() + ")");
		}
	}

	Optional<ProcessHandle> handle() {
		return Optional.ofNullable(this.process).map(Process::toHandle);
	}

	/**
	 * SIGTERM to the process and its descendants; SIGKILL to whatever is left after the
	 * grace period.
	 */
	void stop(Duration grace) {
		if (this.process == null) {
			return;
		}
		List<ProcessHandle> tree = new java.util.ArrayList<>(this.process.descendants().toList());
		tree.add(this.process.toHandle());
		this.children.stream().filter((child) -> !tree.contains(child)).forEach(tree::add);
		tree.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + grace.toNanos();
		for (ProcessHandle handle : tree) {
			long left = Math.max(0, deadline - System.nanoTime());
			try {
				handle.onExit().get(left, TimeUnit.NANOSECONDS);
			}
			catch (Exception timeout) {
				handle.destroyForcibly();
			}
		}
		try {
			Files.deleteIfExists(pidFile());
		}
		catch (IOException ignored) {
			// a stale pid file is checked against the command line by ./run stop
		}
	}

}
