package org.therapygroups.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole local stack: the infrastructure (unless pointed at existing servers) and the
 * four services. {@code ./run} and the end-to-end tests both start it through
 * {@link #start(StackConfig, PrintStream)}.
 */
public final class LocalStack implements AutoCloseable {

	private static final Duration STOP_GRACE = Duration.ofSeconds(20);

	/** The longest the services' ahead-of-time caches may take to assemble together. */
	private static final Duration AOT_ASSEMBLY = Duration.ofMinutes(3);

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

	private final StackConfig config;

	private final PrintStream out;

	private final List<Component> infrastructure = new ArrayList<>();

	private final List<Component> services = new ArrayList<>();

	private Duration startupTime;

	private Instant readyAt;

	private volatile boolean closed;

	private final java.util.concurrent.CompletableFuture<String> gaveUp = new java.util.concurrent.CompletableFuture<>();

	private Watchdog watchdog;

	private Thread watching;

	private LocalStack(StackConfig config, PrintStream out) {
		this.config = config;
		this.out = out;
		if (config.externalMongoUri().isEmpty()) {
			this.infrastructure.add(new MongoDefault(config));
		}
		if (config.externalKafka().isEmpty()) {
			this.infrastructure.add(new KafkaBroker(config));
		}
		if (config.externalKeycloak().isEmpty()) {
			this.infrastructure.add(new KeycloakServer(config));
		}
		this.services.add(new SpringService("auth-service", config.authPort(), config,
				Map.of("AUTH_SERVICE_CLIENT_SECRET", StackConfig.AUTH_SERVICE_CLIENT_SECRET)));
		// the web app is served through the gateway: its address is the only origin of
		// live-update connections
		this.services.add(new SpringService("sessions-service", config.sessionsPort(), config,
				Map.of("THERAPY_LIVE_ALLOWEDORIGINS",
						"http://127.0.0.1:" + config.gatewayPort() + ",http://localhost:" + config.gatewayPort())));
		this.services.add(new SpringService("notes-service", config.notesPort(), config, Map.of()));
		this.services.add(new SpringService("gateway", config.gatewayPort(), config,
				Map.of("AUTH_SERVICE_URL", "http://127.0.0.1:" + config.authPort(), "SESSIONS_SERVICE_URL",
						"http://127.0.0.1:" + config.sessionsPort(), "SESSIONS_SERVICE_WS_URL",
						"ws://127.0.0.1:" + config.sessionsPort(), "NOTES_SERVICE_URL",
						"http://127.0.0.1:" + config.notesPort(), "THERAPY_WEB_CLIENT_SECRET",
						StackConfig.WEB_CLIENT_SECRET)));
	}

	/**
	 * Starts every component and returns once all are healthy. On any failure everything
	 * started so far is stopped and a {@link StackException} names the log to read.
	 */
	public static LocalStack start(StackConfig config, PrintStream out) {
		LocalStack stack = new LocalStack(config, out);
		try {
			stack.startAll();
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startAll() {
		Instant begin = Instant.now();
		try {
			this.config.createDirectories();
		}
		catch (IOException ex) {
			throw new StackException("cannot create the data folder " + this.config.dataDir() + ": " + ex);
		}
		checkPorts();
		for (Component component : this.infrastructure) {
			launch(component);
		}
		// the services only need Kafka and MongoDB lazily, but starting them once both
		// answer
		// keeps their logs free of connection noise; Keycloak may still be starting
		awaitHealthy(this.infrastructure.stream().filter((c) -> !(c instanceof KeycloakServer)).toList());
		for (Component service : this.services) {
			launch(service);
		}
		awaitHealthy(Stream.concat(this.infrastructure.stream(), this.services.stream())
			.filter((c) -> c.startupTime() == null)
			.toList());
		this.readyAt = Instant.now();
		this.startupTime = Duration.between(begin, this.readyAt);
		watch();
	}

	/** From now on a component that dies is reported and started again. */
	private synchronized void watch() {
		if (this.closed) {
			return;
		}
		this.watchdog = new Watchdog(components(), this.out, this.config.startTimeout(), (reason) -> {
			this.out.println("  ✗ " + reason);
			close();
			this.gaveUp.complete(reason);
		});
		this.watching = Thread.ofPlatform().daemon().name("stack-watchdog").start(this.watchdog);
	}

	/**
	 * Completes with the reason when a component crashed too often and the stack was
	 * stopped.
	 */
	public java.util.concurrent.CompletableFuture<String> gaveUp() {
		return this.gaveUp;
	}

	/** The process of a component, for tests that crash it. */
	public java.util.Optional<ProcessHandle> process(String component) {
		return components().stream().filter((c) -> c.name().equals(component)).findFirst().flatMap(Component::handle);
	}

	private void checkPorts() {
		for (Component component : components()) {
			for (int port : component.ports()) {
				if (port > 65535) {
					throw new StackException("port offset %d puts %s beyond port 65535; choose a smaller --port-offset"
						.formatted(this.config.portOffset(), component.name()));
				}
				if (!Probes.portFree(port)) {
					throw new StackException(
							"port %d, needed by %s, is already in use on 127.0.0.1. Is another stack running (./run stop), or set an external address (see README)?"
								.formatted(port, component.name()));
				}
			}
		}
	}

	private void launch(Component component) {
		try {
			component.prepare();
			component.start();
			this.out.printf("  … %-17s starting   (log: %s)%n", component.name(), relative(component.logFile()));
		}
		catch (IOException ex) {
			throw new StackException("%s could not start: %s. Read %s".formatted(component.name(), ex.getMessage(),
					relative(component.logFile())), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackException("interrupted while starting " + component.name());
		}
	}

	private void awaitHealthy(List<Component> pending) {
		List<Component> waiting = new ArrayList<>(pending);
		Instant begin = Instant.now();
		Instant nextProgress = begin.plus(PROGRESS_EVERY);
		while (!waiting.isEmpty()) {
			if (this.closed) {
				throw new StackException("stopped while starting");
			}
			for (Component component : List.copyOf(waiting)) {
				if (component.exitCode().isPresent()) {
					throw new StackException("%s exited with code %d while starting. Read %s"
						.formatted(component.name(), component.exitCode().get(), relative(component.logFile())));
				}
				if (component.healthy()) {
					component.markHealthy();
					waiting.remove(component);
					this.out.printf("  ✓ %-17s ready in %4.1f s  %s%n", component.name(),
							component.startupTime().toMillis() / 1000.0, component.address());
				}
			}
			Instant now = Instant.now();
			if (!waiting.isEmpty() && Duration.between(begin, now).compareTo(this.config.startTimeout()) > 0) {
				Component late = waiting.get(0);
				throw new StackException("%s did not become healthy within %d s. Read %s".formatted(late.name(),
						this.config.startTimeout().toSeconds(), relative(late.logFile())));
			}
			if (!waiting.isEmpty() && now.isAfter(nextProgress)) {
				this.out.printf("    still waiting for %s (%d s)%n",
						String.join(", ", waiting.stream().map(Component::name).toList()),
						Duration.between(begin, now).toSeconds());
				nextProgress = now.plus(PROGRESS_EVERY);
			}
			sleep(Duration.ofMillis(250));
		}
	}

	private List<Component> components() {
		return Stream.concat(this.infrastructure.stream(), this.services.stream()).toList();
	}

	private String relative(Path path) {
		Path cwd = Path.of("").toAbsolutePath();
		return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
	}

	/** Services first (the gateway before the rest), then the infrastructure they use. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stopWatching();
		List<Component> order = new ArrayList<>(this.services.reversed());
		order.addAll(this.infrastructure.reversed());
		for (Component component : order) {
			if (component.alive()) {
				this.out.printf("  ■ stopping %s%n", component.name());
			}
			component.stop(STOP_GRACE);
		}
		assembleAheadOfTimeCaches();
	}

	/**
	 * After the first run of a build (or on new data), each JVM's ahead-of-time cache is
	 * assembled from what that run recorded, all at once and once everything has stopped,
	 * so the work competes with nothing and every later start gains from it.
	 */
	private void assembleAheadOfTimeCaches() {
		Map<JvmComponent, Process> assembling = new LinkedHashMap<>();
		List<Component> all = new ArrayList<>(this.infrastructure);
		all.addAll(this.services);
		for (Component component : all) {
			if (component instanceof JvmComponent service) {
				try {
					service.assembleAheadOfTimeCache().ifPresent((process) -> assembling.put(service, process));
				}
				catch (IOException ex) {
					this.out.printf("  ! %s: ahead-of-time cache not assembled: %s%n", service.name(), ex.getMessage());
				}
			}
		}
		if (assembling.isEmpty()) {
			return;
		}
		this.out.printf("  ■ writing the start-up caches (once per build)%n");
		long deadline = System.nanoTime() + AOT_ASSEMBLY.toNanos();
		assembling.forEach((service, process) -> {
			try {
				boolean done = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				if (!done) {
					process.destroyForcibly().waitFor();
				}
				if (done && process.exitValue() == 0) {
					service.aheadOfTimeCacheAssembled();
				}
				else {
					service.discardAheadOfTimeCache();
				}
			}
			catch (IOException | InterruptedException ex) {
				process.destroyForcibly();
				if (ex instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
				try {
					service.discardAheadOfTimeCache();
				}
				catch (IOException ignored) {
					// the next start finds a cache the JVM refuses, and records anew
				}
			}
		});
	}

	/**
	 * Waits for the watchdog to finish what it does, so it starts nothing while we stop.
	 */
	private void stopWatching() {
		if (this.watchdog == null) {
			return;
		}
		this.watchdog.stop();
		if (Thread.currentThread() != this.watching) {
			try {
				this.watching.join(Duration.ofSeconds(30));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	public StackConfig config() {
		return this.config;
	}

	/** Time from the start call until every component was healthy. */
	public Duration startupTime() {
		return this.startupTime;
	}

	/** When the last component became healthy. */
	public Instant readyAt() {
		return this.readyAt;
	}

	public Map<String, Duration> componentStartupTimes() {
		Map<String, Duration> times = new LinkedHashMap<>();
		components().forEach((c) -> times.put(c.name(), c.startupTime()));
		return times;
	}

	/** Resident memory of every process of the stack, per component, in bytes. */
	public Map<String, Long> residentMemory() {
		Map<String, Long> rss = new LinkedHashMap<>();
		for (Component component : components()) {
			rss.put(component.name(),
					component.handle()
						.map((h) -> Stream.concat(Stream.of(h), h.descendants()).mapToLong(LocalStack::rss).sum())
						.orElse(0L));
		}
		return rss;
	}

	static long rss(ProcessHandle process) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// the process ended meanwhile
		}
		return 0;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StackException("interrupted while waiting");
		}
	}

}
