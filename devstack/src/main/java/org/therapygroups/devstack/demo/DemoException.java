package org.therapygroups.devstack.demo;

/** The demo data could not be loaded; the message says which request failed and how. */
public class DemoException extends RuntimeException {

	public DemoException(String message) {
		super(message);
	}

}
