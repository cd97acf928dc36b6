package org.therapygroups.notes.crypto;

import java.util.Arrays;

/**
 * One encrypted content field as stored: the id of the data key that encrypted it (Tink's
 * key id, kept beside the data so a rotation can tell old from new writes) and the Tink
 * ciphertext.
 *
 * @param kid the data key id; {@code 0} only for the benchmark's unprotected mode
 * @param ct the ciphertext
 */
public record Sealed(int kid, byte[] ct) {

	@Override
	public boolean equals(Object other) {
		return other instanceof Sealed sealed && sealed.kid == this.kid && Arrays.equals(sealed.ct, this.ct);
	}

	@Override
	public int hashCode() {
		return 31 * this.kid + Arrays.hashCode(this.ct);
	}

	@Override
	public String toString() {
		return "Sealed[kid=" + this.kid + ", " + this.ct.length + " bytes]";
	}

}
