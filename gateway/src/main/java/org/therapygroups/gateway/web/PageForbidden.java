package org.therapygroups.gateway.web;

/** A signed-in person opened a page meant for another role. */
class PageForbidden extends RuntimeException {

	private final Viewer.Role needed;

	PageForbidden(Viewer.Role needed) {
		super(null, null, false, false);
		this.needed = needed;
	}

	Viewer.Role needed() {
		return this.needed;
	}

}
