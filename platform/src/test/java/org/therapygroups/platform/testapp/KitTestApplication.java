package org.therapygroups.platform.testapp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A service with no domain at all: only what the kit configures, so that the kit's tests
 * see exactly what every service gets.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class KitTestApplication {

}
