package org.therapygroups.devstack;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A real single-node Kafka broker in KRaft mode, in its own JVM, from the Maven jars. */
final class KafkaBroker extends JvmComponent {

	KafkaBroker(StackConfig config) {
		super("kafka", config);
	}

	private Path home() {
		return this.config.dataDir().resolve("kafka");
	}

	private Path properties() {
		return home().resolve("server.properties");
	}

	@Override
	List<Integer> ports() {
		return List.of(this.config.kafkaPort(), this.config.kafkaControllerPort());
	}

	@Override
	void prepareFiles() throws IOException, InterruptedException {
		Files.createDirectories(home());
		writeProperties();
		Files.writeString(home().resolve("log4j2.properties"), """
				status = warn
				appender.console.type = Console
				appender.console.name = STDOUT
				appender.console.layout.type = PatternLayout
				appender.console.layout.pattern = [%d] %p %m (%c)%n
				rootLogger.level = INFO
				rootLogger.appenderRef.stdout.ref = STDOUT
				logger.kafka.name = kafka
				logger.kafka.level = INFO
				logger.state.name = state.change.logger
				logger.state.level = WARN
				""");
		if (!Files.exists(home().resolve("logs/meta.properties"))) {
			format();
		}
	}

	/**
	 * The log cleaner's dedupe buffer (compacted topics: consumer offsets, identity
	 * events) is 128 MiB by default, allocated whole on the heap at start and held for
	 * good: most of the broker's memory. A local stack's compacted topics fit into 8 MiB
	 * many times. The consumer offsets topic has 3 partitions rather than 50: a broker
	 * loads every partition's log and its groups at each start, and a stack's handful of
	 * consumer groups needs no more. Thread pools sized for two cores, not for a server.
	 */
	private void writeProperties() throws IOException {
		int port = this.config.kafkaPort();
		int controller = this.config.kafkaControllerPort();
		Files.writeString(properties(), """
				process.roles=broker,controller
				node.id=1
				controller.quorum.bootstrap.servers=127.0.0.1:%d
				listeners=PLAINTEXT://127.0.0.1:%d,CONTROLLER://127.0.0.1:%d
				advertised.listeners=PLAINTEXT://127.0.0.1:%d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%s
				num.partitions=3
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				auto.create.topics.enable=true
				log.cleaner.dedupe.buffer.size=8388608
				offsets.topic.num.partitions=3
				num.network.threads=2
				num.io.threads=2
				background.threads=2
				""".formatted(controller, port, controller, port, home().resolve("logs")));
	}

	/** KRaft storage is formatted once; the data then survives restarts. */
	private void format() throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(java(List.of()));
		command.addAll(List.of("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId(), "-c",
				properties().toString(), "--standalone"));
		Process format = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
			.start();
		if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
			throw new IOException("formatting Kafka storage failed");
		}
	}

	/**
	 * A KRaft cluster id is a base64 UUID without padding, as StorageTool random-uuid
	 * makes. URL-safe base64 may begin with '-', so it is passed as
	 * {@code --cluster-id=<id>}: as a separate argument the tool would read it as an
	 * option and refuse to start (one start in 64).
	 */
	private static String clusterId() {
		UUID uuid = UUID.randomUUID();
		var buffer = java.nio.ByteBuffer.allocate(16)
			.putLong(uuid.getMostSignificantBits())
			.putLong(uuid.getLeastSignificantBits());
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	private List<String> java(List<String> cacheOptions) {
		List<String> command = new ArrayList<>(List.of(this.config.javaBinary().toString(), "-Xms32m", "-Xmx384m"));
		command.addAll(HEAP_AS_NEEDED);
		command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
				"-Dlog4j2.configurationFile=" + home().resolve("log4j2.properties"),
				"-Dkafka.logs.dir=" + home().resolve("app-logs")));
		command.addAll(cacheOptions);
		command.addAll(List.of("-cp", this.config.libDir() + "/*"));
		return command;
	}

	@Override
	List<String> command(List<String> cacheOptions) {
		List<String> command = new ArrayList<>(java(cacheOptions));
		command.addAll(List.of("kafka.Kafka", properties().toString()));
		return command;
	}

	@Override
	List<Path> cacheInputs() {
		return List.of(this.config.libDir());
	}

	/**
	 * Ready once the broker answers an ApiVersions request: it holds connections unread
	 * until it processes requests. Version 0 of that request, the one every broker
	 * answers, is written by hand on a plain socket: the client library's admin client,
	 * or even its protocol classes (their first use loads some 950 classes), cost the
	 * launcher about a second of CPU on the critical path of a start on two cores.
	 */
	@Override
	boolean healthy() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.config.kafkaPort()), 1000);
			socket.setSoTimeout(2000);
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
			out.writeInt(2 + 2 + 4 + 2 + PROBE_CLIENT_ID.length);
			out.writeShort(API_VERSIONS);
			out.writeShort(0);
			out.writeInt(PROBE_CORRELATION_ID);
			out.writeShort(PROBE_CLIENT_ID.length);
			out.write(PROBE_CLIENT_ID);
			out.flush();
			DataInputStream in = new DataInputStream(socket.getInputStream());
			int size = in.readInt();
			// response header v0 (correlation id), then the body's error code
			return size >= 6 && in.readInt() == PROBE_CORRELATION_ID && in.readShort() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static final short API_VERSIONS = 18;

	private static final int PROBE_CORRELATION_ID = 0x5052_4f42;

	private static final byte[] PROBE_CLIENT_ID = "devstack-probe".getBytes(StandardCharsets.US_ASCII);

	@Override
	String address() {
		return this.config.kafkaBootstrap();
	}

}
