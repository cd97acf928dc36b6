package org.therapygroups.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Watches every component for the whole life of the stack. A death is reported at once
 * with the exit status and the end of the log; the component is started again after a
 * back-off that doubles with each crash; a component that crashes {@value #MAX_CRASHES}
 * times within {@link #CRASH_WINDOW} is given up on, and then the whole stack stops.
 */
final class Watchdog implements Runnable {

	static final int MAX_CRASHES = 4;

	static final Duration CRASH_WINDOW = Duration.ofMinutes(10);

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private static final Duration TICK = Duration.ofMillis(200);

	private static final int LOG_LINES = 15;

	private final List<Component> components;

	private final PrintStream out;

	private final Duration startTimeout;

	private final Consumer<String> giveUp;

	private final Map<Component, Deque<Instant>> crashes = new HashMap<>();

	private final Map<Component, Instant> restartAt = new HashMap<>();

	private final Map<Component, Instant> restartedAt = new HashMap<>();

	private volatile boolean stopped;

	Watchdog(List<Component> components, PrintStream out, Duration startTimeout, Consumer<String> giveUp) {
		this.components = components;
		this.out = out;
		this.startTimeout = startTimeout;
		this.giveUp = giveUp;
	}

	void stop() {
		this.stopped = true;
	}

	@Override
	public void run() {
		while (!this.stopped) {
			for (Component component : this.components) {
				if (this.stopped) {
					return;
				}
				check(component, Instant.now());
			}
			try {
				Thread.sleep(TICK);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void check(Component component, Instant now) {
		Instant restart = this.restartAt.get(component);
		if (restart != null) {
			if (now.isAfter(restart)) {
				restart(component, now);
			}
			return;
		}
		if (component.alive()) {
			component.rememberChildren();
			awaitReady(component, now);
			return;
		}
		component.exitCode().ifPresent((code) -> died(component, code, now));
	}

	private void died(Component component, int code, Instant now) {
		component.stopOrphans();
		this.restartedAt.remove(component);
		this.out.printf("%n  ✗ %s died (exit status %d%s). Last lines of %s:%n", component.name(), code, signal(code),
				component.logFile());
		component.logTail(LOG_LINES).forEach((line) -> this.out.println("      | " + line));
		Deque<Instant> recent = this.crashes.computeIfAbsent(component, (c) -> new ArrayDeque<>());
		recent.addLast(now);
		while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(CRASH_WINDOW))) {
			recent.removeFirst();
		}
		if (recent.size() >= MAX_CRASHES) {
			this.stopped = true;
			this.giveUp.accept("%s crashed %d times within %d minutes; giving up and stopping the stack. Read %s"
				.formatted(component.name(), recent.size(), CRASH_WINDOW.toMinutes(), component.logFile()));
			return;
		}
		Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (recent.size() - 1));
		if (backoff.compareTo(MAX_BACKOFF) > 0) {
			backoff = MAX_BACKOFF;
		}
		this.out.printf("  ↻ restarting %s in %d s (crash %d of %d allowed within %d minutes)%n", component.name(),
				backoff.toSeconds(), recent.size(), MAX_CRASHES - 1, CRASH_WINDOW.toMinutes());
		this.restartAt.put(component, now.plus(backoff));
	}

	private void restart(Component component, Instant now) {
		this.restartAt.remove(component);
		try {
			component.start();
			this.restartedAt.put(component, now);
		}
		catch (IOException ex) {
			this.out.printf("  ✗ %s could not be restarted: %s%n", component.name(), ex.getMessage());
			died(component, -1, now);
		}
	}

	/** Says so once a restarted component answers again, or that it does not. */
	private void awaitReady(Component component, Instant now) {
		Instant since = this.restartedAt.get(component);
		if (since == null) {
			return;
		}
		if (component.healthy()) {
			this.restartedAt.remove(component);
			this.out.printf("  ✓ %-17s ready again in %4.1f s%n", component.name(),
					Duration.between(since, now).toMillis() / 1000.0);
		}
		else if (Duration.between(since, now).compareTo(this.startTimeout) > 0) {
			this.restartedAt.remove(component);
			this.out.printf("  ! %s was restarted %d s ago and is still not healthy. Read %s%n", component.name(),
					this.startTimeout.toSeconds(), component.logFile());
		}
	}

	/** A JVM killed by a signal exits with 128 + the signal's number. */
	private static String signal(int code) {
		return switch (code) {
			case 137 -> ", SIGKILL";
			case 143 -> ", SIGTERM";
			case 134 -> ", SIGABRT";
			case 139 -> ", SIGSEGV";
			default -> "";
		};
	}

}
