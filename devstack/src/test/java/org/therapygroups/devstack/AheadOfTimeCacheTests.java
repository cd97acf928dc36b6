package org.therapygroups.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AheadOfTimeCacheTests {

	@TempDir
	Path folder;

	@Test
	void aStartRecordsUntilThereIsACacheAndThenMapsIt() throws Exception {
		AheadOfTimeCache cache = new AheadOfTimeCache(this.folder, "kafka");
		assertThat(cache.startOptions()).containsSubsequence("-XX:AOTMode=record",
				"-XX:AOTConfiguration=" + this.folder.resolve("kafka.aotconf"));
		assertThat(cache.assemblyOptions()).as("nothing recorded yet").isEmpty();

		Files.writeString(this.folder.resolve("kafka.aotconf"), "recorded");
		assertThat(cache.assemblyOptions())
			.hasValueSatisfying((options) -> assertThat(options).containsSubsequence("-XX:AOTMode=create",
					"-XX:AOTConfiguration=" + this.folder.resolve("kafka.aotconf"),
					"-XX:AOTCache=" + this.folder.resolve("kafka.aot")));

		Files.writeString(this.folder.resolve("kafka.aot"), "assembled");
		cache.assembled();
		assertThat(this.folder.resolve("kafka.aotconf")).doesNotExist();
		assertThat(cache.startOptions()).contains("-XX:AOTCache=" + this.folder.resolve("kafka.aot"))
			.doesNotContain("-XX:AOTMode=record");
		assertThat(cache.assemblyOptions()).as("assembled once").isEmpty();
		assertThat(cache.startOptions()).as("the JVM's notes stay out of the log")
			.contains("-Xlog:aot=off", "-Xlog:cds=off");
	}

	@Test
	void aCacheOlderThanWhatItWasMadeFromIsDropped() throws Exception {
		Path lib = Files.createDirectories(this.folder.resolve("lib/main"));
		Path jar = Files.writeString(lib.resolve("a.jar"), "jar");
		Path single = Files.writeString(this.folder.resolve("modules"), "jdk");
		Instant made = Instant.now().minusSeconds(60);
		Files.setLastModifiedTime(jar, FileTime.from(made.minusSeconds(60)));
		Files.setLastModifiedTime(single, FileTime.from(made.minusSeconds(60)));
		Path aot = Files.writeString(this.folder.resolve("kafka.aot"), "assembled");
		Files.setLastModifiedTime(aot, FileTime.from(made));
		AheadOfTimeCache cache = new AheadOfTimeCache(this.folder, "kafka");

		cache.discardIfOlderThan(List.of(this.folder.resolve("lib"), single, this.folder.resolve("missing")));
		assertThat(aot).as("made after every input").exists();

		Files.setLastModifiedTime(jar, FileTime.from(made.plusSeconds(1)));
		cache.discardIfOlderThan(List.of(this.folder.resolve("lib"), single));
		assertThat(aot).as("a jar deep in a folder changed").doesNotExist();
		assertThat(cache.startOptions()).contains("-XX:AOTMode=record");
	}

	@Test
	void aRecordingOlderThanANewJdkIsDroppedToo() throws Exception {
		Path modules = Files.writeString(this.folder.resolve("modules"), "jdk");
		Path recording = Files.writeString(this.folder.resolve("gateway.aotconf"), "recorded");
		Files.setLastModifiedTime(recording, FileTime.from(Instant.now().minusSeconds(60)));
		new AheadOfTimeCache(this.folder, "gateway").discardIfOlderThan(List.of(modules));
		assertThat(recording).doesNotExist();
	}

}
