package org.therapygroups.sessions.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

import org.therapygroups.events.Topics;

/**
 * The whole service on a real Kafka broker (KRaft, in-process) and a real MongoDB
 * wire-protocol server, with a clock the test sets. Every class carrying this annotation
 * shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = { "therapy.outbox.interval=200ms",
		"therapy.sessions.public-base-url=https://therapy.example.test" })
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@EmbeddedKafka(topics = { Topics.IDENTITY, "identity.events.dlt", Topics.SESSIONS, Topics.NOTES },
		bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import({ ServiceTestConfig.class })
@ContextConfiguration(initializers = ServiceTestConfig.Initializer.class)
public @interface ServiceTest {

}
